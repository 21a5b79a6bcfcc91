package io.tokengate.cert.validation;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import io.tokengate.cert.Certificates;
import io.tokengate.cert.Thumbprints;
import io.tokengate.cert.validation.PathValidation.ValidPath;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link CertificateValidator}: leaf validity and usage ({@link UsageCheck}), the path to a
 * trust anchor ({@link PathValidation}) and the anchor's revocation policy
 * ({@link RevocationChecker}), with each verdict cached per certificate (SHA-256 thumbprint) and
 * purpose. An acceptance is reused until the soonest of the cache TTL, the OCSP response's or
 * CRL's {@code nextUpdate} and the certificate's expiry; a refusal, and an acceptance that failed
 * open, for the negative TTL. Concurrent requests for a certificate not yet cached share one
 * lookup: a burst with one certificate makes one OCSP request. Refusals are logged once per lookup,
 * naming the certificate by subject and serial. Thread-safe; time comes from the injected clock.
 */
public final class CachingCertificateValidator implements CertificateValidator {
    private record Key(String thumbprint, Purpose purpose) {
    }

    private record Verdict(CertificateValidationException refusal, Instant until) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(CachingCertificateValidator.class);

    private final CertificateValidationSettings settings;
    private final Clock clock;
    private final PathValidation paths;
    private final RevocationChecker revocation;
    private final Cache<Key, Verdict> verdicts;
    private final ConcurrentHashMap<Key, CompletableFuture<Verdict>> inFlight = new ConcurrentHashMap<>();

    /** A validator that fetches OCSP responses and CRLs over HTTP. */
    public CachingCertificateValidator(CertificateValidationSettings settings, Clock clock) {
        this(settings, clock, new HttpRevocationTransport(Duration.ofSeconds(5)), new SecureRandom());
    }

    CachingCertificateValidator(CertificateValidationSettings settings, Clock clock, RevocationTransport transport,
            SecureRandom random) {
        this.settings = settings;
        this.clock = clock;
        this.paths = new PathValidation(settings);
        this.revocation = new RevocationChecker(new OcspChecker(transport, random), new CrlChecker(transport, clock));
        // expiry durations are computed from the clock; on the system clock the cheaper monotonic
        // ticker measures them, on any other clock (a test's) the clock itself does
        Ticker ticker = clock.equals(Clock.systemUTC()) ? Ticker.systemTicker() : () -> {
            Instant now = clock.instant();
            return now.getEpochSecond() * 1_000_000_000L + now.getNano();
        };
        this.verdicts = Caffeine.newBuilder().maximumSize(settings.cacheMaxSize()).ticker(ticker)
                .executor(Runnable::run).expireAfter(new UntilVerdictExpires(clock)).build();
    }

    /**
     * A validator for the trust anchors alone, without revocation checks: for tests and for code
     * that configures nothing but anchors.
     */
    public static CachingCertificateValidator withoutRevocation(List<X509Certificate> anchors, Duration clockSkew,
            Clock clock) {
        CertificateValidationSettings.Builder b = CertificateValidationSettings.builder().clockSkew(clockSkew);
        anchors.stream().distinct().forEach(a -> b.anchor(a, RevocationPolicy.none()));
        return new CachingCertificateValidator(b.build(), clock);
    }

    /** The settings this validator was made with. */
    public CertificateValidationSettings settings() {
        return settings;
    }

    @Override
    public void validate(List<X509Certificate> chain, Purpose purpose) {
        validate(chain, Thumbprints.x5tS256(chain.get(0)), purpose);
    }

    @Override
    public void validate(io.tokengate.cert.ClientCertificate presented, Purpose purpose) {
        validate(presented.chain(), presented.thumbprint(), purpose);
    }

    private void validate(List<X509Certificate> chain, String thumbprint, Purpose purpose) {
        Key key = new Key(thumbprint, purpose);
        Verdict verdict = verdicts.getIfPresent(key);
        if (verdict == null) {
            verdict = lookUp(key, chain, purpose);
        }
        if (verdict.refusal() != null) {
            throw verdict.refusal();
        }
    }

    /** One lookup per certificate at a time: later callers wait for the first one's verdict. */
    private Verdict lookUp(Key key, List<X509Certificate> chain, Purpose purpose) {
        CompletableFuture<Verdict> mine = new CompletableFuture<>();
        CompletableFuture<Verdict> running = inFlight.putIfAbsent(key, mine);
        if (running != null) {
            return running.join();
        }
        try {
            Verdict verdict = verdicts.getIfPresent(key); // a lookup that finished since this caller's miss
            if (verdict == null) {
                verdict = decide(chain, purpose);
                verdicts.put(key, verdict);
            }
            mine.complete(verdict);
            return verdict;
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(key, mine);
        }
    }

    private Verdict decide(List<X509Certificate> chain, Purpose purpose) {
        X509Certificate leaf = chain.get(0);
        Instant now = clock.instant();
        Duration skew = settings.clockSkew();
        try {
            UsageCheck.validity(leaf, now, skew);
            UsageCheck.clientAuthentication(leaf);
            if (purpose == Purpose.CHAIN_REQUIRED) {
                UsageCheck.notCertificateAuthority(leaf);
            }
            Instant until = earliest(now.plus(settings.cacheTtl()), leaf.getNotAfter().toInstant().plus(skew));
            Optional<ValidPath> path = paths.validate(chain, now, purpose == Purpose.CHAIN_REQUIRED);
            if (path.isPresent()) {
                RevocationChecker.Accepted accepted = revocation.check(path.get(), now, skew);
                until = earliest(until, accepted.goodUntil().orElse(until));
                if (accepted.failedOpen()) {
                    until = earliest(until, now.plus(settings.negativeCacheTtl()));
                }
            }
            return new Verdict(null, until);
        } catch (CertificateValidationException e) {
            LOG.warn("Refused client certificate {}: {}", Certificates.describe(leaf), e.getMessage());
            return new Verdict(e, now.plus(settings.negativeCacheTtl()));
        }
    }

    private static Instant earliest(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static final class UntilVerdictExpires implements Expiry<Key, Verdict> {
        private final Clock clock;

        UntilVerdictExpires(Clock clock) {
            this.clock = clock;
        }

        @Override
        public long expireAfterCreate(Key key, Verdict value, long currentTime) {
            return Math.max(0, Duration.between(clock.instant(), value.until()).toNanos());
        }

        @Override
        public long expireAfterUpdate(Key key, Verdict value, long currentTime, long currentDuration) {
            return expireAfterCreate(key, value, currentTime);
        }

        @Override
        public long expireAfterRead(Key key, Verdict value, long currentTime, long currentDuration) {
            return currentDuration;
        }
    }
}
