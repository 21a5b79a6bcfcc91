package io.tokengate.cert.validation;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What {@link CachingCertificateValidator} is configured with. Immutable; make one with
 * {@link #builder()}, which refuses out-of-range values with a message naming the option.
 *
 * @param anchors          the trust anchors, each with its revocation policy; a CA certificate may appear once
 * @param intermediates    intermediate CA certificates used to build paths besides those presented
 * @param clockSkew        tolerance on certificate validity, OCSP and CRL times
 * @param cacheTtl         longest time a positive result is reused (also bounded by the OCSP
 *                         response's or CRL's {@code nextUpdate})
 * @param negativeCacheTtl how long a refusal, and an acceptance under fail-open, is reused
 * @param cacheMaxSize     most certificates remembered
 */
public record CertificateValidationSettings(List<TrustAnchorPolicy> anchors, List<X509Certificate> intermediates,
        Duration clockSkew, Duration cacheTtl, Duration negativeCacheTtl, long cacheMaxSize) {

    public CertificateValidationSettings {
        anchors = List.copyOf(anchors);
        if (anchors.stream().map(TrustAnchorPolicy::anchor).distinct().count() != anchors.size()) {
            throw new IllegalArgumentException("a trust anchor is configured twice");
        }
        intermediates = List.copyOf(intermediates);
        if (clockSkew.isNegative() || clockSkew.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new IllegalArgumentException("certificate clock skew must be between 0 and 10 minutes, was " + clockSkew);
        }
        if (cacheTtl.isNegative() || cacheTtl.compareTo(Duration.ofDays(1)) > 0) {
            throw new IllegalArgumentException("certificate cache TTL must be between 0 and one day, was " + cacheTtl);
        }
        if (negativeCacheTtl.isNegative() || negativeCacheTtl.compareTo(cacheTtl) > 0 && !cacheTtl.isZero()) {
            throw new IllegalArgumentException("negative certificate cache TTL must be between 0 and the cache TTL ("
                    + cacheTtl + "), was " + negativeCacheTtl);
        }
        if (cacheMaxSize < 1) {
            throw new IllegalArgumentException("certificate cache size must be positive, was " + cacheMaxSize);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Collects the options; defaults: skew 60 s, TTL 5 minutes, negative TTL 30 s, 10,000 certificates. */
    public static final class Builder {
        private final List<TrustAnchorPolicy> anchors = new ArrayList<>();
        private final List<X509Certificate> intermediates = new ArrayList<>();
        private Duration clockSkew = Duration.ofSeconds(60);
        private Duration cacheTtl = Duration.ofMinutes(5);
        private Duration negativeCacheTtl = Duration.ofSeconds(30);
        private long cacheMaxSize = 10_000;

        private Builder() {
        }

        public Builder anchor(X509Certificate anchor, RevocationPolicy policy) {
            anchors.add(new TrustAnchorPolicy(anchor, policy));
            return this;
        }

        public Builder anchors(List<TrustAnchorPolicy> v) {
            anchors.addAll(v);
            return this;
        }

        public Builder intermediates(List<X509Certificate> v) {
            intermediates.addAll(v);
            return this;
        }

        public Builder clockSkew(Duration v) {
            clockSkew = Objects.requireNonNull(v, "clockSkew");
            return this;
        }

        public Builder cacheTtl(Duration v) {
            cacheTtl = Objects.requireNonNull(v, "cacheTtl");
            return this;
        }

        public Builder negativeCacheTtl(Duration v) {
            negativeCacheTtl = Objects.requireNonNull(v, "negativeCacheTtl");
            return this;
        }

        public Builder cacheMaxSize(long v) {
            cacheMaxSize = v;
            return this;
        }

        public CertificateValidationSettings build() {
            return new CertificateValidationSettings(anchors, intermediates, clockSkew, cacheTtl, negativeCacheTtl,
                    cacheMaxSize);
        }
    }
}
