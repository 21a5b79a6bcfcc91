package io.tokengate.store.jdbc;

import com.nimbusds.jose.JWSAlgorithm;
import io.tokengate.config.DatabaseConfig;
import java.security.Provider;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every JDBC store on one {@link Database}, opened from a {@link DatabaseConfig}, with the
 * background work on one daemon thread: every {@code cacheTtl} the denylist replica is reloaded and
 * (with a rotation period) the signing key rotated when due, every half {@code cacheTtl} the signing
 * keys are reloaded; every {@code purgeInterval} expired
 * refresh tokens, replay records, denylist entries and retired signing keys are deleted. Background
 * failures (database down) are logged once per occurrence and retried at the next run. Close it to
 * stop the thread and the pool.
 */
public final class JdbcStores implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcStores.class);

    private final Database db;
    private final Clock clock;
    private final JdbcClientStore clients;
    private final JdbcRegistry registry;
    private final JdbcUserDirectory users;
    private final JdbcRefreshTokenStore refreshTokens;
    private final JdbcAccessTokenDenylist denylist;
    private final JdbcReplayCache replayCache;
    private final JdbcSigningKeys signingKeys;
    private final ScheduledExecutorService background;

    /**
     * What the stores need besides the database.
     *
     * @param algorithm           the algorithm of new signing keys
     * @param provider            the JCA provider that signs
     * @param accessTokenLifetime how long a retired signing key stays published (plus {@code clockSkew})
     * @param clockSkew           kept beyond each replay record's expiry
     * @param background          whether to run the background thread (tests drive the work themselves)
     */
    public record Options(JWSAlgorithm algorithm, Optional<Provider> provider, Duration accessTokenLifetime,
            Duration clockSkew, Clock clock, SecureRandom random, boolean background) {
        public Options {
            Objects.requireNonNull(algorithm, "algorithm");
            Objects.requireNonNull(provider, "provider");
            Objects.requireNonNull(accessTokenLifetime, "accessTokenLifetime");
            Objects.requireNonNull(clockSkew, "clockSkew");
            Objects.requireNonNull(clock, "clock");
            Objects.requireNonNull(random, "random");
        }
    }

    private JdbcStores(Database db, DatabaseConfig config, Options options) {
        this.db = db;
        this.clock = options.clock();
        Duration ttl = config.cacheTtl();
        this.clients = new JdbcClientStore(db, clock, ttl);
        this.registry = new JdbcRegistry(db, clock, ttl);
        this.users = new JdbcUserDirectory(db, clock, ttl);
        this.refreshTokens = new JdbcRefreshTokenStore(db, clock);
        this.denylist = new JdbcAccessTokenDenylist(db, clock);
        this.replayCache = new JdbcReplayCache(db, clock, options.clockSkew());
        this.background = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tokengate-store");
            t.setDaemon(true);
            return t;
        });
        KeySealer sealer = KeySealer.fromFile(config.keyEncryptionKeyFile(), options.random());
        this.signingKeys = new JdbcSigningKeys(db, sealer, options.algorithm(), options.provider(),
                options.accessTokenLifetime().plus(options.clockSkew()), ttl, clock, ttl,
                options.background() ? background : Runnable::run);
        denylist.reload();
        if (options.background()) {
            long every = Math.max(1000, ttl.toMillis());
            background.scheduleWithFixedDelay(() -> quietly("reloading the denylist", denylist::reload),
                    every, every, TimeUnit.MILLISECONDS);
            // every half TTL, so a rotated key is published here before its activation (one TTL after rotation)
            background.scheduleWithFixedDelay(() -> quietly("reloading the signing keys", signingKeys::reload),
                    every / 2, every / 2, TimeUnit.MILLISECONDS);
            config.keyRotationPeriod().ifPresent(period -> background.scheduleWithFixedDelay(
                    () -> quietly("rotating the signing key", () -> signingKeys.rotateIfDue(period)),
                    0, every, TimeUnit.MILLISECONDS));
            long purge = config.purgeInterval().toMillis();
            background.scheduleWithFixedDelay(() -> quietly("purging expired rows", this::purgeExpired),
                    purge, purge, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Opens the pool, migrates the schema and makes sure a signing key exists.
     *
     * @throws io.tokengate.store.StoreUnavailableException when the database cannot be reached
     */
    public static JdbcStores open(DatabaseConfig config, Options options) {
        Database db = Database.open(config);
        try {
            return new JdbcStores(db, config, options);
        } catch (RuntimeException e) {
            try {
                db.close();
            } catch (Exception suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /** Deletes every expired row now; returns how many refresh tokens went. */
    public int purgeExpired() {
        Instant now = clock.instant();
        int removed = refreshTokens.purgeExpired(now);
        replayCache.purgeExpired(now);
        denylist.purgeExpired(now);
        signingKeys.purgeRetired(now);
        return removed;
    }

    private static void quietly(String what, Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            LOG.warn("Background {} failed, retrying at the next run: {}", what, e.getMessage());
        }
    }

    Database database() {
        return db;
    }

    public JdbcClientStore clients() {
        return clients;
    }

    /** Resource servers, application roles and trusted issuers. */
    public JdbcRegistry registry() {
        return registry;
    }

    public JdbcUserDirectory users() {
        return users;
    }

    public JdbcRefreshTokenStore refreshTokens() {
        return refreshTokens;
    }

    public JdbcAccessTokenDenylist denylist() {
        return denylist;
    }

    public JdbcReplayCache replayCache() {
        return replayCache;
    }

    public JdbcSigningKeys signingKeys() {
        return signingKeys;
    }

    @Override
    public void close() {
        background.shutdownNow();
        try {
            db.close();
        } catch (Exception e) {
            LOG.warn("Closing the database pool failed: {}", e.getMessage());
        }
    }
}
