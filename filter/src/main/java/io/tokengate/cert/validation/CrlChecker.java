package io.tokengate.cert.validation;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import io.tokengate.cert.validation.PathValidation.ValidPath;
import io.tokengate.cert.validation.RevocationStatus.State;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CRLException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * RFC 5280 §5 CRLs: read from the policy's file or fetched from the leaf's HTTP distribution
 * points, believed only when signed by the CA that issued the leaf and not past
 * {@code nextUpdate} (with the skew), then kept until {@code nextUpdate} so a CRL is fetched once
 * per publication, not once per certificate. Delta CRLs and indirect CRLs are not used.
 * Thread-safe; time comes from the injected clock.
 */
final class CrlChecker {
    private record Loaded(X509CRL crl, Instant until) {
    }

    private final RevocationTransport transport;
    private final Clock clock;
    private final Cache<String, Loaded> crls;

    CrlChecker(RevocationTransport transport, Clock clock) {
        this.transport = transport;
        this.clock = clock;
        Ticker ticker = () -> {
            Instant now = clock.instant();
            return now.getEpochSecond() * 1_000_000_000L + now.getNano();
        };
        this.crls = Caffeine.newBuilder().maximumSize(1_000).ticker(ticker).executor(Runnable::run)
                .expireAfter(new Expiry<String, Loaded>() {
                    @Override
                    public long expireAfterCreate(String key, Loaded value, long currentTime) {
                        return Math.max(0, Duration.between(clock.instant(), value.until()).toNanos());
                    }

                    @Override
                    public long expireAfterUpdate(String key, Loaded value, long currentTime, long currentDuration) {
                        return expireAfterCreate(key, value, currentTime);
                    }

                    @Override
                    public long expireAfterRead(String key, Loaded value, long currentTime, long currentDuration) {
                        return currentDuration;
                    }
                }).build();
    }

    RevocationStatus check(ValidPath path, RevocationPolicy policy, Instant now, Duration skew) {
        List<String> sources = new ArrayList<>();
        policy.crlFile().ifPresent(f -> sources.add("file:" + f.toAbsolutePath()));
        if (sources.isEmpty()) {
            CertificateExtensions.crlDistributionPoints(path.leaf()).forEach(u -> sources.add(u.toString()));
        }
        if (sources.isEmpty()) {
            return RevocationStatus.of(State.NO_SOURCE, "the certificate names no CRL distribution point");
        }
        RevocationStatus last = null;
        for (String source : sources) {
            RevocationStatus[] failure = new RevocationStatus[1];
            Loaded loaded = crls.get(source + "|" + path.issuer().getSubjectX500Principal().getName(),
                    key -> load(source, path, policy, now, skew, failure));
            if (loaded == null) {
                last = failure[0];
                if (last.state() == State.INVALID) {
                    return last;
                }
                continue;
            }
            X509CRLEntry entry = loaded.crl().getRevokedCertificate(path.leaf());
            if (entry != null) {
                return RevocationStatus.of(State.REVOKED, "revoked at " + entry.getRevocationDate().toInstant()
                        + " (CRL " + display(source) + ")");
            }
            return RevocationStatus.good(loaded.until());
        }
        return last;
    }

    private Loaded load(String source, ValidPath path, RevocationPolicy policy, Instant now, Duration skew,
            RevocationStatus[] failure) {
        byte[] bytes;
        try {
            bytes = source.startsWith("file:") ? Files.readAllBytes(Path.of(source.substring(5)))
                    : transport.get(URI.create(source), policy.timeout());
        } catch (IOException e) {
            failure[0] = RevocationStatus.of(State.UNREACHABLE, "CRL " + display(source) + " is unreachable ("
                    + e.getMessage() + ")");
            return null;
        }
        X509CRL crl;
        try {
            crl = (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(bytes));
        } catch (CRLException | CertificateException | RuntimeException e) {
            failure[0] = RevocationStatus.of(State.INVALID, "CRL " + display(source) + " is not a valid CRL");
            return null;
        }
        if (!crl.getIssuerX500Principal().equals(path.issuer().getSubjectX500Principal()) || !verifies(crl, path)) {
            failure[0] = RevocationStatus.of(State.INVALID, "CRL " + display(source)
                    + " is not signed by the CA that issued the certificate");
            return null;
        }
        Instant thisUpdate = crl.getThisUpdate().toInstant();
        Optional<Instant> nextUpdate = Optional.ofNullable(crl.getNextUpdate()).map(java.util.Date::toInstant);
        Instant until = nextUpdate.orElse(thisUpdate.plus(policy.maxResponseAge()));
        if (thisUpdate.isAfter(now.plus(skew))) {
            failure[0] = RevocationStatus.of(State.INVALID, "CRL " + display(source) + " is dated in the future");
            return null;
        }
        if (until.plus(skew).isBefore(now)) {
            failure[0] = RevocationStatus.of(State.INVALID, "CRL " + display(source) + " expired at " + until
                    + " and no newer one is published");
            return null;
        }
        return new Loaded(crl, until.isAfter(clock.instant()) ? until : clock.instant().plus(skew));
    }

    private static boolean verifies(X509CRL crl, ValidPath path) {
        try {
            crl.verify(path.issuer().getPublicKey());
            return true;
        } catch (java.security.GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    private static String display(String source) {
        return source.startsWith("file:") ? source.substring(5) : source;
    }
}
