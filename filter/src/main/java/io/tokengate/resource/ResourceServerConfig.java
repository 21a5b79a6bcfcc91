package io.tokengate.resource;

import com.nimbusds.jose.JWSAlgorithm;
import io.tokengate.cert.TrustedProxies;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Everything the resource filter is configured with (RFC 6750, RFC 9068 §4, RFC 8705 §3).
 * Immutable; made by {@link #builder(String, String)} in code or {@link #fromParameters(Function)}
 * from {@code web.xml} init-params, which produce the same record. A bad value fails at start-up
 * with a message naming the option.
 *
 * <p>The issuer's keys come from {@code jwks-uri}, or {@code jwks-file}, or (when neither is set)
 * from the {@code jwks_uri} of the issuer's RFC 8414 metadata, discovered on first use. With
 * {@code introspection-mode} {@code opaque} or {@code all}, tokens are checked by RFC 7662
 * introspection instead (see {@link IntrospectionSettings} for its {@code introspection-*}
 * init-params).
 *
 * @param issuer              the expected {@code iss}, compared exactly (RFC 9068 §4 step 3)
 * @param audience            this resource server's identifier; {@code aud} must contain it (step 4)
 * @param jwksUri             where the issuer publishes its JWK set
 * @param jwksFile            a local JWK set file, re-read when a token names an unknown {@code kid}
 * @param allowedAlgorithms   JWS algorithms accepted, default ES256, RS256, PS256; only RSA and EC
 *                            signatures (never {@code none}, never HMAC: RFC 9068 §4 step 6)
 * @param clockSkew           tolerance for {@code exp}, {@code nbf} and {@code iat}, default 60 s
 * @param realm               realm of the {@code WWW-Authenticate: Bearer} challenge (RFC 6750 §3)
 * @param allowQueryToken     accept {@code ?access_token=} (RFC 6750 §2.3), default false
 * @param scopeRules          scopes per method and path, see {@link ScopeRules}
 * @param trustedProxies      addresses whose RFC 9440 {@code Client-Cert} headers are believed
 * @param cacheMaxSize        most validated tokens kept, default 100,000; 0 turns the cache off
 * @param jwksRefetchInterval least time between two fetches of the JWK set, default 30 s
 * @param jwksTtl             how long a fetched JWK set is used before it is fetched again, default
 *                            5 minutes; kept beyond that while the issuer is unreachable
 * @param jwksTimeout         connect and read timeout of each fetch, default 5 s
 * @param introspection       RFC 7662 token introspection, off by default; see {@link IntrospectionSettings}
 * @param tlsTrustFile        PEM CA certificates trusted for HTTPS to the authorization server
 *                            (metadata, JWKS, introspection); empty: the JVM's default trust store
 */
public record ResourceServerConfig(
        String issuer,
        String audience,
        Optional<URI> jwksUri,
        Optional<Path> jwksFile,
        Set<JWSAlgorithm> allowedAlgorithms,
        Duration clockSkew,
        String realm,
        boolean allowQueryToken,
        ScopeRules scopeRules,
        TrustedProxies trustedProxies,
        long cacheMaxSize,
        Duration jwksRefetchInterval,
        Duration jwksTtl,
        Duration jwksTimeout,
        IntrospectionSettings introspection,
        Optional<Path> tlsTrustFile) {

    /** The init-param names, as written in {@code web.xml}. */
    public static final String ISSUER = "issuer";
    public static final String AUDIENCE = "audience";
    public static final String JWKS_URI = "jwks-uri";
    public static final String JWKS_FILE = "jwks-file";
    public static final String ALLOWED_ALGORITHMS = "allowed-algorithms";
    public static final String CLOCK_SKEW = "clock-skew";
    public static final String REALM = "realm";
    public static final String ALLOW_QUERY_TOKEN = "allow-query-token";
    public static final String SCOPE_RULES = "scope-rules";
    public static final String TRUSTED_PROXIES = "trusted-proxies";
    public static final String CACHE_MAX_SIZE = "cache-max-size";
    public static final String JWKS_REFETCH_INTERVAL = "jwks-refetch-interval";
    public static final String JWKS_TTL = "jwks-ttl";
    public static final String JWKS_TIMEOUT = "jwks-timeout";
    public static final String TLS_TRUST_FILE = "tls-trust-file";

    /** The algorithms a resource server may be told to accept: RSA and EC signatures only. */
    public static final Set<JWSAlgorithm> SUPPORTED_ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384,
            JWSAlgorithm.RS512, JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512, JWSAlgorithm.ES256,
            JWSAlgorithm.ES384, JWSAlgorithm.ES512);

    public ResourceServerConfig {
        ConfigChecks.url(ISSUER, Objects.requireNonNull(issuer, ISSUER));
        if (audience == null || audience.isBlank()) {
            throw new IllegalArgumentException(AUDIENCE + " is required: the identifier tokens name in aud");
        }
        Objects.requireNonNull(jwksUri, JWKS_URI).ifPresent(u -> ConfigChecks.url(JWKS_URI, u.toString()));
        Objects.requireNonNull(jwksFile, JWKS_FILE);
        if (jwksUri.isPresent() && jwksFile.isPresent()) {
            throw new IllegalArgumentException("set either " + JWKS_URI + " or " + JWKS_FILE + ", not both");
        }
        if (allowedAlgorithms.isEmpty()) {
            throw new IllegalArgumentException(ALLOWED_ALGORITHMS + " must name at least one algorithm");
        }
        for (JWSAlgorithm alg : allowedAlgorithms) {
            if (!SUPPORTED_ALGORITHMS.contains(alg)) {
                throw new IllegalArgumentException(ALLOWED_ALGORITHMS + " may hold only RSA and EC signature algorithms"
                        + " (RS256/384/512, PS256/384/512, ES256/384/512), not " + alg);
            }
        }
        allowedAlgorithms = Collections.unmodifiableSet(new LinkedHashSet<>(allowedAlgorithms));
        ConfigChecks.between(CLOCK_SKEW, clockSkew, Duration.ZERO, Duration.ofMinutes(10));
        if (realm == null || realm.isBlank() || !realm.chars().allMatch(c -> c >= 0x20 && c <= 0x7e && c != '"' && c != '\\')) {
            throw new IllegalArgumentException(REALM + " must be non-empty printable ASCII without quote or backslash");
        }
        Objects.requireNonNull(scopeRules, SCOPE_RULES);
        Objects.requireNonNull(trustedProxies, TRUSTED_PROXIES);
        if (cacheMaxSize < 0 || cacheMaxSize > 10_000_000) {
            throw new IllegalArgumentException(CACHE_MAX_SIZE + " must be between 0 and 10000000, was " + cacheMaxSize);
        }
        ConfigChecks.between(JWKS_REFETCH_INTERVAL, jwksRefetchInterval, Duration.ofSeconds(1), Duration.ofHours(1));
        ConfigChecks.between(JWKS_TTL, jwksTtl, Duration.ofSeconds(1), Duration.ofDays(1));
        if (jwksTtl.compareTo(jwksRefetchInterval) < 0) {
            throw new IllegalArgumentException(JWKS_TTL + " (" + jwksTtl + ") must not be shorter than "
                    + JWKS_REFETCH_INTERVAL + " (" + jwksRefetchInterval + ")");
        }
        ConfigChecks.between(JWKS_TIMEOUT, jwksTimeout, Duration.ofMillis(100), Duration.ofMinutes(1));
        Objects.requireNonNull(introspection, "introspection");
        if (introspection.mode() == IntrospectionMode.ALL && (jwksUri.isPresent() || jwksFile.isPresent())) {
            throw new IllegalArgumentException(IntrospectionSettings.MODE + " all introspects every token, so "
                    + JWKS_URI + " and " + JWKS_FILE + " would never be used; drop them or use " + IntrospectionSettings.MODE
                    + " opaque");
        }
        Objects.requireNonNull(tlsTrustFile, TLS_TRUST_FILE);
    }

    /** The client id this resource server introspects as: the configured one, else {@link #audience()}. */
    public String introspectionClientId() {
        return introspection.clientId().orElse(audience);
    }

    public static Builder builder(String issuer, String audience) {
        return new Builder(issuer, audience);
    }

    /**
     * Reads the configuration from named parameters, as {@code web.xml} init-params (or context
     * params) supply them; absent or blank names take their defaults. Durations are seconds or
     * ISO-8601 ({@code PT5M}); lists are separated by commas or white space.
     */
    public static ResourceServerConfig fromParameters(Function<String, String> parameters) {
        return ConfigChecks.read(parameters);
    }

    /** The RFC 8414 §3 metadata URL of the issuer: the well-known suffix goes between host and path. */
    public URI metadataUri() {
        URI uri = URI.create(issuer);
        String path = uri.getRawPath() == null || uri.getRawPath().equals("/") ? "" : uri.getRawPath();
        return URI.create(uri.getScheme() + "://" + uri.getRawAuthority() + "/.well-known/oauth-authorization-server" + path);
    }

    /** Collects the options; {@link #build()} validates them all. */
    public static final class Builder {
        private final String issuer;
        private final String audience;
        private URI jwksUri;
        private Path jwksFile;
        private Set<JWSAlgorithm> allowedAlgorithms = new LinkedHashSet<>(
                List.of(JWSAlgorithm.ES256, JWSAlgorithm.RS256, JWSAlgorithm.PS256));
        private Duration clockSkew = Duration.ofSeconds(60);
        private String realm = "tokengate";
        private boolean allowQueryToken;
        private ScopeRules scopeRules = ScopeRules.none();
        private TrustedProxies trustedProxies = TrustedProxies.none();
        private long cacheMaxSize = 100_000;
        private Duration jwksRefetchInterval = Duration.ofSeconds(30);
        private Duration jwksTtl = Duration.ofMinutes(5);
        private Duration jwksTimeout = Duration.ofSeconds(5);
        private IntrospectionSettings introspection = IntrospectionSettings.off();
        private Path tlsTrustFile;

        private Builder(String issuer, String audience) {
            this.issuer = issuer;
            this.audience = audience;
        }

        public Builder jwksUri(URI v) {
            jwksUri = v;
            return this;
        }

        public Builder jwksFile(Path v) {
            jwksFile = v;
            return this;
        }

        public Builder allowedAlgorithms(Set<JWSAlgorithm> v) {
            allowedAlgorithms = new LinkedHashSet<>(v);
            return this;
        }

        public Builder clockSkew(Duration v) {
            clockSkew = v;
            return this;
        }

        public Builder realm(String v) {
            realm = v;
            return this;
        }

        public Builder allowQueryToken(boolean v) {
            allowQueryToken = v;
            return this;
        }

        public Builder scopeRules(ScopeRules v) {
            scopeRules = v;
            return this;
        }

        public Builder trustedProxies(TrustedProxies v) {
            trustedProxies = v;
            return this;
        }

        public Builder cacheMaxSize(long v) {
            cacheMaxSize = v;
            return this;
        }

        public Builder jwksRefetchInterval(Duration v) {
            jwksRefetchInterval = v;
            return this;
        }

        public Builder jwksTtl(Duration v) {
            jwksTtl = v;
            return this;
        }

        public Builder jwksTimeout(Duration v) {
            jwksTimeout = v;
            return this;
        }

        public Builder introspection(IntrospectionSettings v) {
            introspection = v;
            return this;
        }

        public Builder tlsTrustFile(Path v) {
            tlsTrustFile = v;
            return this;
        }

        public ResourceServerConfig build() {
            return new ResourceServerConfig(issuer, audience, Optional.ofNullable(jwksUri), Optional.ofNullable(jwksFile),
                    allowedAlgorithms, clockSkew, realm, allowQueryToken, scopeRules, trustedProxies, cacheMaxSize,
                    jwksRefetchInterval, jwksTtl, jwksTimeout, introspection, Optional.ofNullable(tlsTrustFile));
        }
    }
}
