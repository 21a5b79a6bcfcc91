package io.tokengate.store.jdbc;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import io.tokengate.token.SigningKey;
import io.tokengate.token.SigningKeySource;
import io.tokengate.token.SigningKeys;
import java.security.Provider;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * Signing keys shared by every node, in table {@code tg_signing_key} with the private part sealed
 * by {@link KeySealer} (RFC 7517 keys, RFC 7515 signatures). Generation numbers are unique, so of
 * two nodes creating the first key or rotating at once exactly one succeeds and both then use its key.
 *
 * <p>Rotation adds a key that becomes current {@code activationDelay} (the cache TTL) later:
 * meanwhile every node has loaded it and publishes it, so no node signs with a key another node's
 * JWKS does not show. A previous key stays published until {@code retention} (the access token
 * lifetime plus the clock skew) after its successor became current, then it is purged. Every node
 * switches keys at the successor's activation instant, so all nodes sign with the same key.
 *
 * <p>The key list is cached and reloaded in the background every {@code cacheTtl}; while the
 * database is down the last list stays in use, so signing and the JWKS keep working. Thread-safe.
 */
public final class JdbcSigningKeys implements SigningKeySource {
    private final Database db;
    private final KeySealer sealer;
    private final JWSAlgorithm algorithm;
    private final Optional<Provider> provider;
    private final Duration retention;
    private final Duration activationDelay;
    private final Clock clock;
    private final Map<String, SigningKey> opened = new ConcurrentHashMap<>();
    private final LoadingCache<Boolean, List<StoredKey>> keys;

    /** One stored key. */
    record StoredKey(SigningKey key, long generation, Instant createdAt, Instant activatesAt) {
    }

    JdbcSigningKeys(Database db, KeySealer sealer, JWSAlgorithm algorithm, Optional<Provider> provider,
            Duration retention, Duration activationDelay, Clock clock, Duration cacheTtl, Executor refresher) {
        this.db = Objects.requireNonNull(db, "db");
        this.sealer = Objects.requireNonNull(sealer, "sealer");
        this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
        this.provider = Objects.requireNonNull(provider, "provider");
        this.retention = Objects.requireNonNull(retention, "retention");
        this.activationDelay = Objects.requireNonNull(activationDelay, "activationDelay");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.keys = Caffeine.newBuilder().refreshAfterWrite(cacheTtl.isZero() ? Duration.ofNanos(1) : cacheTtl)
                .ticker(Columns.ticker(clock)).executor(refresher).build(k -> load());
        if (reload().isEmpty()) {
            insert(1, clock.instant());
            reload();
        }
    }

    @Override
    public SigningKey current() {
        List<StoredKey> all = keys.get(Boolean.TRUE);
        Instant now = clock.instant();
        StoredKey current = all.get(0);
        for (StoredKey k : all) {
            if (!k.activatesAt().isAfter(now)) {
                current = k;
            }
        }
        return current.key();
    }

    @Override
    public JWKSet publicKeys() {
        List<StoredKey> all = keys.get(Boolean.TRUE);
        Instant now = clock.instant();
        List<JWK> published = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            if (i == all.size() - 1 || all.get(i + 1).activatesAt().plus(retention).isAfter(now)) {
                published.add(all.get(i).key().publicJwk());
            }
        }
        return new JWKSet(published);
    }

    /**
     * Adds a new key, current after the activation delay; the command behind scheduled and manual
     * rotation. When another node rotated at the same moment, its key is kept and this call adds none.
     *
     * @return the key id of the newest key
     */
    public String rotate() {
        long next = db.run("reading the newest signing key", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT MAX(generation) FROM tg_signing_key");
                    ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1) + 1;
            }
        });
        insert(next, clock.instant().plus(activationDelay));
        List<StoredKey> all = reload();
        return all.get(all.size() - 1).key().keyId();
    }

    /** Rotates when the newest key is at least {@code period} old. */
    public boolean rotateIfDue(Duration period) {
        List<StoredKey> all = keys.get(Boolean.TRUE);
        if (all.get(all.size() - 1).createdAt().plus(period).isAfter(clock.instant())) {
            return false;
        }
        rotate();
        return true;
    }

    /** Reads the keys now, replacing the cached list. */
    public List<StoredKey> reload() {
        List<StoredKey> all = load();
        if (!all.isEmpty()) {
            keys.put(Boolean.TRUE, all);
        }
        return all;
    }

    /** Deletes keys no longer published: their successor has been current for longer than the retention. */
    public int purgeRetired(Instant now) {
        List<StoredKey> all = load();
        List<String> retired = new ArrayList<>();
        for (int i = 0; i + 1 < all.size(); i++) {
            if (!all.get(i + 1).activatesAt().plus(retention).isAfter(now)) {
                retired.add(all.get(i).key().keyId());
            }
        }
        if (retired.isEmpty()) {
            return 0;
        }
        int removed = db.run("purging retired signing keys", c -> {
            int n = 0;
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM tg_signing_key WHERE kid = ?")) {
                for (String kid : retired) {
                    ps.setString(1, kid);
                    n += ps.executeUpdate();
                    opened.remove(kid);
                }
            }
            return n;
        });
        reload();
        return removed;
    }

    private void insert(long generation, Instant activatesAt) {
        JWK jwk = SigningKeys.generate(algorithm);
        db.run("storing a new signing key", c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO tg_signing_key (kid, generation, algorithm,"
                    + " public_jwk, private_jwk_sealed, created_at, activates_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, jwk.getKeyID());
                ps.setLong(2, generation);
                ps.setString(3, algorithm.getName());
                ps.setString(4, jwk.toPublicJWK().toJSONString());
                ps.setString(5, sealer.seal(jwk.getKeyID(), jwk.toJSONString()));
                ps.setLong(6, clock.millis());
                ps.setLong(7, activatesAt.toEpochMilli());
                ps.executeUpdate();
            } catch (SQLException e) {
                if (!Database.isUniqueViolation(e)) {
                    throw e;
                }
                // another node stored this generation first; its key is used
            }
            return null;
        });
    }

    private List<StoredKey> load() {
        return db.run("reading the signing keys", c -> {
            List<StoredKey> all = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT kid, generation, algorithm, private_jwk_sealed,"
                    + " created_at, activates_at FROM tg_signing_key ORDER BY generation");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String kid = rs.getString(1);
                    JWSAlgorithm alg = JWSAlgorithm.parse(rs.getString(3));
                    String sealed = rs.getString(4);
                    SigningKey key = opened.computeIfAbsent(kid, k -> open(k, alg, sealed));
                    all.add(new StoredKey(key, rs.getLong(2), Columns.instant(rs, "created_at"),
                            Columns.instant(rs, "activates_at")));
                }
            }
            return List.copyOf(all);
        });
    }

    private SigningKey open(String kid, JWSAlgorithm alg, String sealed) {
        try {
            return new SigningKey(JWK.parse(sealer.open(kid, sealed)), alg, provider);
        } catch (ParseException e) {
            throw new IllegalStateException("signing key " + kid + " in the database is not a JWK", e);
        }
    }
}
