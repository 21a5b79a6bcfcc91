package io.tokengate.resource;

import com.nimbusds.jose.Algorithm;
import com.nimbusds.jose.Header;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Validates JWT access tokens as RFC 9068 §4 tells a resource server to: a JWS (never
 * {@code alg: none}, never HMAC: only the configured RSA/EC algorithms), header {@code typ}
 * {@code at+jwt} or {@code application/at+jwt}, {@code iss} equal to the configured issuer, a
 * signature by the issuer's key named by {@code kid} (an unknown kid triggers one bounded JWKS
 * reload, see {@link JwksKeySource}), then {@code aud}, {@code exp}, {@code nbf}, {@code iat} with
 * skew, the required claims and {@code cnf}. The issuer is compared before the signature is
 * checked so that tokens of other issuers never make the key source reload.
 *
 * <p>Successful validations are cached by the SHA-256 of the token until its {@code exp} (see
 * {@link ValidationCache}); refusals are not cached. Every refusal is a {@link BearerTokenException}
 * ({@code invalid_token}, or {@code temporarily_unavailable} when the keys cannot be had).
 * Certificate binding and scopes depend on the request and are the filter's to check.
 * Thread-safe.
 */
public final class AccessTokenValidator {
    /** Longest token accepted, in characters: far above any sensible access token. */
    public static final int MAX_TOKEN_LENGTH = 16 * 1024;
    private static final Set<String> ACCEPTED_TYPES = Set.of("at+jwt", "application/at+jwt");

    private final String issuer;
    private final Set<JWSAlgorithm> algorithms;
    private final JwksKeySource keys;
    private final Clock clock;
    private final ClaimChecks claimChecks;
    private final ValidationCache cache;

    /** Validates against {@code config}'s issuer, audience, algorithms, skew and cache size. */
    public AccessTokenValidator(ResourceServerConfig config, JwksKeySource keys, Clock clock) {
        this.issuer = config.issuer();
        this.algorithms = config.allowedAlgorithms();
        this.keys = Objects.requireNonNull(keys, "keys");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.claimChecks = new ClaimChecks(config.audience(), config.clockSkew());
        this.cache = new ValidationCache(config.cacheMaxSize(), clock);
    }

    /** A validator on the system clock, with keys from {@code config}'s JWKS source. */
    public static AccessTokenValidator fromConfig(ResourceServerConfig config) {
        Clock clock = Clock.systemUTC();
        // No HTTP client (and so no selector thread a container would see left running) for keys from a file.
        java.net.http.HttpClient http = config.jwksUri().isEmpty() && config.jwksFile().isPresent()
                ? null : JwksKeySource.httpClient(config);
        return new AccessTokenValidator(config, JwksKeySource.fromConfig(config, http, clock), clock);
    }

    /**
     * @param token the compact JWS serialisation, as sent after {@code Bearer}
     * @return the validated token
     * @throws BearerTokenException {@code invalid_token} saying what is wrong, {@code invalid_request}
     *         when the token is not even token68 syntax (RFC 6750 §2.1), or
     *         {@code temporarily_unavailable} when the issuer's keys cannot be loaded
     */
    public ValidatedToken validate(String token) {
        if (token.length() > MAX_TOKEN_LENGTH) {
            throw BearerTokenException.invalidToken("the access token is longer than " + MAX_TOKEN_LENGTH + " characters");
        }
        if (!cache.enabled()) {
            return verify(token);
        }
        TokenDigest key = TokenDigest.of(token);
        ValidatedToken cached = cache.get(key);
        if (cached != null) {
            return cached;
        }
        ValidatedToken verified = verify(token);
        cache.put(key, verified);
        return verified;
    }

    /** Hit and miss counts of the validation cache. */
    public CacheStatistics cacheStatistics() {
        return cache.statistics();
    }

    ValidationCache cache() {
        return cache;
    }

    private ValidatedToken verify(String token) {
        Token68.check(token);
        SignedJWT jwt = parse(token);
        JWSHeader header = jwt.getHeader();
        JWSAlgorithm alg = header.getAlgorithm();
        if (!algorithms.contains(alg)) {
            throw BearerTokenException.invalidToken("the access token is signed with " + alg + ", which is not allowed;"
                    + " allowed: " + algorithms);
        }
        JOSEObjectType type = header.getType();
        if (type == null || !ACCEPTED_TYPES.contains(type.getType().toLowerCase(Locale.ROOT))) {
            throw BearerTokenException.invalidToken("the access token's typ header is "
                    + (type == null ? "missing" : "'" + Descriptions.shorten(type.getType()) + "'")
                    + "; a JWT access token has typ at+jwt (RFC 9068 §4)");
        }
        JWTClaimsSet claims;
        try {
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw BearerTokenException.invalidToken("the access token's payload is not a JSON claims set");
        }
        if (!issuer.equals(claims.getIssuer())) {
            throw BearerTokenException.invalidToken(claims.getIssuer() == null ? "the access token has no iss claim"
                    : "the access token was issued by '" + Descriptions.shorten(claims.getIssuer()) + "', not by "
                    + issuer);
        }
        List<VerificationKeys.Key> candidates = keys.keysFor(header.getKeyID(), alg);
        if (candidates.stream().noneMatch(k -> verifies(jwt, k))) {
            throw BearerTokenException.invalidToken("the signature of the access token does not verify with the issuer's"
                    + " key" + (header.getKeyID() == null ? "s" : " '" + Descriptions.shorten(header.getKeyID()) + "'"));
        }
        return claimChecks.check(claims, clock.instant());
    }

    private static boolean verifies(SignedJWT jwt, VerificationKeys.Key key) {
        try {
            return jwt.verify(key.verifier());
        } catch (JOSEException e) {
            return false;
        }
    }

    private static SignedJWT parse(String token) {
        try {
            return SignedJWT.parse(token);
        } catch (ParseException e) {
            if (isUnsecured(token)) {
                throw BearerTokenException.invalidToken("the access token is unsecured (alg none), which is never accepted");
            }
            throw BearerTokenException.invalidToken("the access token is not a signed JWT (JWS compact serialisation)");
        }
    }

    private static boolean isUnsecured(String token) {
        int dot = token.indexOf('.');
        try {
            return dot > 0 && Algorithm.NONE.equals(Header.parse(new Base64URL(token.substring(0, dot))).getAlgorithm());
        } catch (ParseException | RuntimeException e) {
            return false;
        }
    }
}
