package io.tokengate.resource;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import java.net.http.HttpClient;
import java.security.Provider;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The issuer's public keys for access token validation (RFC 9068 §4 step 6, RFC 7517), loaded
 * through a {@link JwkSetLoader} and kept in memory.
 * <ul>
 * <li>The first use loads the set; callers arriving meanwhile wait for that one load.</li>
 * <li>After {@code ttl} the set is loaded again by one caller while the others go on with the one
 *     they have.</li>
 * <li>A token naming an unknown {@code kid} triggers a reload, but at most one load starts per
 *     {@code refetchInterval} whatever the cause, and concurrent callers share it: a flood of
 *     made-up kids costs the issuer at most one request per interval.</li>
 * <li>When a load fails, the keys already held are served on (stale) and the failure is logged;
 *     with no keys at all, callers get {@code temporarily_unavailable}.</li>
 * </ul>
 * Time runs on the injected {@link Clock}. Thread-safe; reading the held keys takes no lock.
 */
public final class JwksKeySource {
    private static final Logger LOG = LoggerFactory.getLogger(JwksKeySource.class);

    private final JwkSetLoader loader;
    private final Clock clock;
    private final Duration ttl;
    private final Duration refetchInterval;
    private final Optional<Provider> ecProvider;
    private final ReentrantLock loadLock = new ReentrantLock();
    private volatile VerificationKeys keys;
    private volatile Instant loadedAt = Instant.MIN;
    private volatile Instant lastAttempt;
    private volatile boolean lastAttemptFailed;

    /**
     * @param ecProvider JCA provider for EC verification, or empty for the JDK's
     */
    public JwksKeySource(JwkSetLoader loader, Clock clock, Duration ttl, Duration refetchInterval,
            Optional<Provider> ecProvider) {
        this.loader = Objects.requireNonNull(loader, "loader");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ttl = Objects.requireNonNull(ttl, "ttl");
        this.refetchInterval = Objects.requireNonNull(refetchInterval, "refetchInterval");
        this.ecProvider = Objects.requireNonNull(ecProvider, "ecProvider");
    }

    /** Keys from {@code jwks-uri}, {@code jwks-file} or discovery, as the configuration says; EC on BouncyCastle. */
    public static JwksKeySource fromConfig(ResourceServerConfig config, HttpClient http, Clock clock) {
        return fromConfig(config, http, new MetadataDiscovery(config.issuer(), config.metadataUri(), http,
                config.jwksTimeout()), clock);
    }

    /** As {@link #fromConfig(ResourceServerConfig, HttpClient, Clock)}, discovering through {@code discovery}. */
    static JwksKeySource fromConfig(ResourceServerConfig config, HttpClient http, MetadataDiscovery discovery,
            Clock clock) {
        JwkSetLoader loader = config.jwksUri().map(u -> JwkSetLoader.uri(u, http, config.jwksTimeout()))
                .or(() -> config.jwksFile().map(JwkSetLoader::file))
                .orElseGet(() -> JwkSetLoader.discovered(discovery, http, config.jwksTimeout()));
        return new JwksKeySource(loader, clock, config.jwksTtl(), config.jwksRefetchInterval(),
                Optional.of(new BouncyCastleProvider()));
    }

    /** A fixed set of keys, for tests and for code that holds the issuer's keys itself. */
    public static JwksKeySource of(JWKSet set, Clock clock) {
        return new JwksKeySource(JwkSetLoader.of(set), clock, Duration.ofDays(1), Duration.ofSeconds(30), Optional.empty());
    }

    /**
     * An HTTP client for {@link #fromConfig}: the configured connect timeout, redirects only to
     * https, trusting the {@code tls-trust-file} CAs (see {@link ResourceServerConfig}).
     */
    public static HttpClient httpClient(ResourceServerConfig config) {
        return OutboundHttp.client(config);
    }

    /**
     * The keys that may verify a token with this {@code kid} (every key when it has none) and {@code alg}.
     *
     * @throws BearerTokenException {@code invalid_token} when no published key fits;
     *         {@code temporarily_unavailable} when no keys could be loaded, or the kid is unknown
     *         and the last reload failed
     */
    List<VerificationKeys.Key> keysFor(String kid, JWSAlgorithm alg) {
        VerificationKeys current = keys;
        if (current == null) {
            current = firstLoad();
        } else if (!clock.instant().isBefore(loadedAt.plus(ttl))) {
            current = reloadExpired(current);
        }
        List<VerificationKeys.Key> found = current.select(kid, alg);
        if (found.isEmpty() && kid != null && !current.hasKid(kid)) {
            current = reloadForUnknownKid(current);
            found = current.select(kid, alg);
        }
        if (!found.isEmpty()) {
            return found;
        }
        if (kid != null && current.hasKid(kid)) {
            throw BearerTokenException.invalidToken("the issuer's key '" + kid + "' is not usable for " + alg);
        }
        if (kid != null && lastAttemptFailed) {
            throw unavailable();
        }
        throw BearerTokenException.invalidToken(kid == null
                ? "the access token names no kid and no key of the issuer verifies " + alg
                : "the issuer publishes no key with kid '" + Descriptions.shorten(kid) + "'");
    }

    private VerificationKeys firstLoad() {
        loadLock.lock();
        try {
            if (keys == null && mayLoad(clock.instant())) {
                load();
            }
            if (keys == null) {
                throw unavailable();
            }
            return keys;
        } finally {
            loadLock.unlock();
        }
    }

    private VerificationKeys reloadExpired(VerificationKeys current) {
        if (loadLock.tryLock()) {
            try {
                Instant now = clock.instant();
                if (!now.isBefore(loadedAt.plus(ttl)) && mayLoad(now)) {
                    load();
                }
            } finally {
                loadLock.unlock();
            }
        }
        return keys != null ? keys : current;
    }

    private VerificationKeys reloadForUnknownKid(VerificationKeys seen) {
        loadLock.lock();
        try {
            if (keys == seen && mayLoad(clock.instant())) {
                load();
            }
            return keys;
        } finally {
            loadLock.unlock();
        }
    }

    private boolean mayLoad(Instant now) {
        return lastAttempt == null || !now.isBefore(lastAttempt.plus(refetchInterval));
    }

    /** Called with the lock held. */
    private void load() {
        Instant now = clock.instant();
        lastAttempt = now;
        try {
            JWKSet set = loader.load();
            keys = VerificationKeys.of(set, ecProvider);
            loadedAt = now;
            lastAttemptFailed = false;
            LOG.debug("Loaded {} keys from {}", keys.size(), loader);
        } catch (java.io.IOException | RuntimeException e) {
            lastAttemptFailed = true;
            LOG.warn("Could not load the issuer's keys from {}{}: {}", loader,
                    keys == null ? "" : " (the keys loaded at " + loadedAt + " stay in use)", e.getMessage());
        }
    }

    private BearerTokenException unavailable() {
        return new BearerTokenException(BearerError.TEMPORARILY_UNAVAILABLE,
                "the authorization server's keys could not be loaded; try again later");
    }
}
