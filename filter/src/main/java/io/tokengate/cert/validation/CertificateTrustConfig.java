package io.tokengate.cert.validation;

import io.tokengate.cert.Certificates;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The server-wide options of client certificate validation, from {@code web.xml} init-params
 * ({@link #fromParameters}) or code ({@link #builder()}): the revocation policy of the anchors in
 * {@code trust-anchors-file} (and the default for anchors the registry's {@code certificate_trust}
 * section lists without one), extra intermediates and the cache. A bad value fails at start-up
 * with a message naming the init-param.
 *
 * @param defaultPolicy     revocation policy of anchors configured without one
 * @param intermediatesFile PEM intermediate CA certificates to build paths with, besides those presented
 * @param cacheTtl          longest reuse of a positive verdict
 * @param negativeCacheTtl  reuse of a refusal, and of an acceptance that failed open
 * @param cacheMaxSize      most certificates whose verdicts are kept
 */
public record CertificateTrustConfig(RevocationPolicy defaultPolicy, Optional<Path> intermediatesFile,
        Duration cacheTtl, Duration negativeCacheTtl, long cacheMaxSize) {

    public static final String REVOCATION = "certificate-revocation";
    public static final String FAIL_OPEN = "certificate-revocation-fail-open";
    public static final String TIMEOUT = "certificate-revocation-timeout";
    public static final String OCSP_RESPONDER = "ocsp-responder-url";
    public static final String OCSP_TRUSTED_RESPONDER_FILE = "ocsp-trusted-responder-file";
    public static final String OCSP_MAX_RESPONSE_AGE = "ocsp-max-response-age";
    public static final String CRL_FILE = "crl-file";
    public static final String INTERMEDIATES_FILE = "certificate-intermediates-file";
    public static final String CACHE_TTL = "certificate-cache-ttl";
    public static final String NEGATIVE_CACHE_TTL = "certificate-negative-cache-ttl";
    public static final String CACHE_MAX_SIZE = "certificate-cache-max-size";

    public CertificateTrustConfig {
        Objects.requireNonNull(defaultPolicy, REVOCATION);
        Objects.requireNonNull(intermediatesFile, INTERMEDIATES_FILE);
        // ranges are checked where the settings are assembled, so both forms fail alike
        CertificateValidationSettings.builder().cacheTtl(cacheTtl).negativeCacheTtl(negativeCacheTtl)
                .cacheMaxSize(cacheMaxSize).build();
    }

    /** OCSP then CRL failing closed, 5 s timeout, cache TTL 5 minutes, negative 30 s. */
    public static CertificateTrustConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The validation settings: {@code anchors} each with this default policy unless {@code overrides}
     * names it with its own, plus the configured and extra intermediates.
     */
    public CertificateValidationSettings settings(List<java.security.cert.X509Certificate> anchors,
            List<TrustAnchorPolicy> overrides, List<java.security.cert.X509Certificate> extraIntermediates,
            Duration clockSkew) {
        CertificateValidationSettings.Builder b = CertificateValidationSettings.builder().clockSkew(clockSkew)
                .cacheTtl(cacheTtl).negativeCacheTtl(negativeCacheTtl).cacheMaxSize(cacheMaxSize).anchors(overrides);
        anchors.stream().distinct().filter(a -> overrides.stream().noneMatch(o -> o.anchor().equals(a)))
                .forEach(a -> b.anchor(a, defaultPolicy));
        intermediatesFile.ifPresent(f -> b.intermediates(Certificates.read(f)));
        return b.intermediates(extraIntermediates).build();
    }

    /**
     * Reads the options from named parameters ({@code web.xml} init-params or context params);
     * absent names take their defaults.
     *
     * @throws IllegalArgumentException naming the init-param whose value is wrong
     */
    public static CertificateTrustConfig fromParameters(Function<String, String> parameters) {
        Function<String, Optional<String>> p = name -> Optional.ofNullable(parameters.apply(name))
                .map(String::trim).filter(s -> !s.isEmpty());
        RevocationPolicy.Builder policy = RevocationPolicy.builder();
        Builder b = builder();
        named(REVOCATION, () -> p.apply(REVOCATION).ifPresent(v -> policy.methods(parseMethods(v))));
        named(FAIL_OPEN, () -> p.apply(FAIL_OPEN).ifPresent(v -> policy.failOpen(parseBoolean(v))));
        named(TIMEOUT, () -> p.apply(TIMEOUT).ifPresent(v -> policy.timeout(probe(parseDuration(v), null))));
        named(OCSP_RESPONDER, () -> p.apply(OCSP_RESPONDER).ifPresent(v -> policy.ocspResponder(
                RevocationPolicy.builder().ocspResponder(URI.create(v)).build().ocspResponder().orElseThrow())));
        named(OCSP_TRUSTED_RESPONDER_FILE, () -> p.apply(OCSP_TRUSTED_RESPONDER_FILE)
                .ifPresent(v -> policy.trustedResponders(Certificates.read(Path.of(v)))));
        named(OCSP_MAX_RESPONSE_AGE, () -> p.apply(OCSP_MAX_RESPONSE_AGE)
                .ifPresent(v -> policy.maxResponseAge(probe(null, parseDuration(v)))));
        named(CRL_FILE, () -> p.apply(CRL_FILE).ifPresent(v -> policy.crlFile(Path.of(v))));
        named(REVOCATION, () -> b.defaultPolicy(policy.build()));
        p.apply(INTERMEDIATES_FILE).ifPresent(v -> b.intermediatesFile(Path.of(v)));
        named(CACHE_TTL, () -> p.apply(CACHE_TTL).ifPresent(v -> b.cacheTtl(parseDuration(v))));
        named(NEGATIVE_CACHE_TTL, () -> p.apply(NEGATIVE_CACHE_TTL).ifPresent(v -> b.negativeCacheTtl(parseDuration(v))));
        named(CACHE_MAX_SIZE, () -> p.apply(CACHE_MAX_SIZE).ifPresent(v -> b.cacheMaxSize(Long.parseLong(v))));
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(CACHE_TTL + "/" + NEGATIVE_CACHE_TTL + "/" + CACHE_MAX_SIZE + ": "
                    + e.getMessage(), e);
        }
    }

    /** {@code none}, or a comma-separated list of {@code ocsp} and {@code crl} in the order to try them. */
    public static List<RevocationMethod> parseMethods(String value) {
        if (value.trim().equalsIgnoreCase("none")) {
            return List.of();
        }
        List<RevocationMethod> out = new ArrayList<>();
        Arrays.stream(value.split("[,\\s]+")).filter(s -> !s.isBlank()).map(RevocationMethod::parse).forEach(out::add);
        return out;
    }

    /** ISO-8601 ({@code PT5S}) or a number of seconds. */
    public static Duration parseDuration(String value) {
        try {
            return value.chars().allMatch(Character::isDigit) ? Duration.ofSeconds(Long.parseLong(value)) : Duration.parse(value);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("must be seconds or an ISO-8601 duration such as PT5S, was '" + value + "'");
        }
    }

    private static boolean parseBoolean(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("must be true or false, was '" + value + "'");
        };
    }

    /** Checks one value's range alone, so that a bad one is reported under its own init-param. */
    private static Duration probe(Duration timeout, Duration maxResponseAge) {
        RevocationPolicy.Builder b = RevocationPolicy.builder();
        if (timeout != null) {
            b.timeout(timeout);
        }
        if (maxResponseAge != null) {
            b.maxResponseAge(maxResponseAge);
        }
        b.build();
        return timeout != null ? timeout : maxResponseAge;
    }

    private static void named(String name, Runnable step) {
        try {
            step.run();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
        }
    }

    /** Collects the options; {@link #build()} validates them. */
    public static final class Builder {
        private RevocationPolicy defaultPolicy = RevocationPolicy.defaults();
        private Path intermediatesFile;
        private Duration cacheTtl = Duration.ofMinutes(5);
        private Duration negativeCacheTtl = Duration.ofSeconds(30);
        private long cacheMaxSize = 10_000;

        private Builder() {
        }

        public Builder defaultPolicy(RevocationPolicy v) {
            defaultPolicy = Objects.requireNonNull(v, "defaultPolicy");
            return this;
        }

        public Builder intermediatesFile(Path v) {
            intermediatesFile = v;
            return this;
        }

        public Builder cacheTtl(Duration v) {
            cacheTtl = Objects.requireNonNull(v, CACHE_TTL);
            return this;
        }

        public Builder negativeCacheTtl(Duration v) {
            negativeCacheTtl = Objects.requireNonNull(v, NEGATIVE_CACHE_TTL);
            return this;
        }

        public Builder cacheMaxSize(long v) {
            cacheMaxSize = v;
            return this;
        }

        public CertificateTrustConfig build() {
            return new CertificateTrustConfig(defaultPolicy, Optional.ofNullable(intermediatesFile), cacheTtl,
                    negativeCacheTtl, cacheMaxSize);
        }
    }
}
