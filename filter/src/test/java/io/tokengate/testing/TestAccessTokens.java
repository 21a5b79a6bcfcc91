package io.tokengate.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.tokengate.token.AccessTokenClaims;
import io.tokengate.token.AccessTokenIssuer;
import io.tokengate.token.SigningKey;
import io.tokengate.token.SigningKeys;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Access tokens for resource-server tests, minted by the real {@link AccessTokenIssuer} with a real
 * {@link SigningKey}, so that tests prove the two sides fit. {@link #custom} signs hand-made headers
 * and claims with the same key, for what the issuer never produces ({@code nbf}, a wrong
 * {@code typ}). Time comes from the clock given, which tests move by hand. Thread-safe.
 *
 * <pre>{@code
 * TestAccessTokens tokens = TestAccessTokens.es256(clock);
 * String token = tokens.issue(TestAccessTokens.ORDERS_READ);
 * String bound = tokens.bound(client.thumbprint(), TestAccessTokens.ORDERS_READ);
 * }</pre>
 */
public final class TestAccessTokens {
    public static final String ISSUER = "https://as.tokengate.test";
    public static final String AUDIENCE = "https://demo-api.tokengate.test";
    public static final String ORDERS_READ = AUDIENCE + "/orders.read";
    public static final String ORDERS_WRITE = AUDIENCE + "/orders.write";
    public static final String SUBJECT = "alice";
    public static final String CLIENT_ID = "orders-service";
    public static final Duration LIFETIME = Duration.ofMinutes(15);

    private static final SecureRandom RANDOM = new SecureRandom();

    private final SigningKey key;
    private final Clock clock;

    public TestAccessTokens(SigningKey key, Clock clock) {
        this.key = key;
        this.clock = clock;
    }

    /** Tokens signed by a fresh ES256 key. */
    public static TestAccessTokens es256(Clock clock) {
        return new TestAccessTokens(TestSigningKeys.generate(JWSAlgorithm.ES256), clock);
    }

    /** Tokens signed by a fresh key for {@code algorithm} (ES256, RS256 or PS256). */
    public static TestAccessTokens of(JWSAlgorithm algorithm, Clock clock) {
        return new TestAccessTokens(TestSigningKeys.generate(algorithm), clock);
    }

    public SigningKey key() {
        return key;
    }

    /** The JWK set the issuer publishes: this key's public half. */
    public JWKSet publicKeys() {
        return new JWKSet(key.publicJwk());
    }

    /** The real issuer, with this key, the test clock and {@link #LIFETIME}. */
    public AccessTokenIssuer issuer(String issuer) {
        return new AccessTokenIssuer(issuer, LIFETIME, SigningKeys.fixed(key), clock, RANDOM);
    }

    /** A token of {@link #ISSUER} for {@link #SUBJECT} and {@link #CLIENT_ID}, audience {@link #AUDIENCE}. */
    public String issue(String... scopes) {
        return issue(new AccessTokenClaims(SUBJECT, CLIENT_ID, List.of(scopes), List.of(AUDIENCE), Optional.empty()));
    }

    /** A token bound to the certificate with this {@code x5t#S256} (RFC 8705 §3.1). */
    public String bound(String thumbprint, String... scopes) {
        return issue(new AccessTokenClaims(SUBJECT, CLIENT_ID, List.of(scopes), List.of(AUDIENCE), Optional.of(thumbprint)));
    }

    public String issue(AccessTokenClaims claims) {
        return issuer(ISSUER).issue(claims).value();
    }

    /** The header the issuer writes: this key's algorithm, {@code typ: at+jwt}, its kid. */
    public JWSHeader.Builder header() {
        return new JWSHeader.Builder(key.algorithm()).type(AccessTokenIssuer.AT_JWT).keyID(key.keyId());
    }

    /** Claims like the issuer's, issued now, expiring after {@link #LIFETIME}, with {@code scopes}. */
    public JWTClaimsSet.Builder claims(String... scopes) {
        Instant now = clock.instant();
        return new JWTClaimsSet.Builder().issuer(ISSUER).subject(SUBJECT).audience(AUDIENCE)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(LIFETIME)))
                .jwtID(UUID.randomUUID().toString()).claim("client_id", CLIENT_ID)
                .claim("scope", scopes.length == 0 ? null : String.join(" ", scopes));
    }

    /** Signs {@code header} and {@code claims} with this key, whatever they say. */
    public String custom(JWSHeader header, JWTClaimsSet claims) {
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(key.signer());
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }
}
