package io.tokengate.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;

/**
 * Issues JWT access tokens in the RFC 9068 profile: header {@code typ: at+jwt} and {@code kid};
 * claims iss, sub, aud, exp, iat, jti, client_id, scope, {@code cnf} with
 * {@code x5t#S256} for certificate-bound tokens (RFC 8705 §3.1), and the private
 * {@value AccessTokenClaims#FAMILY_CLAIM} for tokens minted with a refresh token family. Thread-safe.
 */
public final class AccessTokenIssuer {
    /** RFC 9068 §2.1: the media type of JWT access tokens. */
    public static final JOSEObjectType AT_JWT = new JOSEObjectType("at+jwt");

    private final String issuer;
    private final Duration lifetime;
    private final SigningKeySource keys;
    private final Clock clock;
    private final SecureRandom random;

    public AccessTokenIssuer(String issuer, Duration lifetime, SigningKeySource keys, Clock clock, SecureRandom random) {
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("access token lifetime must be positive");
        }
        this.issuer = issuer;
        this.lifetime = lifetime;
        this.keys = keys;
        this.clock = clock;
        this.random = random;
    }

    public IssuedToken issue(AccessTokenClaims claims) {
        SigningKey key = keys.current();
        Instant now = clock.instant();
        Instant expiresAt = now.plus(lifetime);
        String jti = newId();
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(claims.subject())
                .audience(claims.audiences())
                .expirationTime(Date.from(expiresAt))
                .issueTime(Date.from(now))
                .jwtID(jti)
                .claim("client_id", claims.clientId());
        if (!claims.scopes().isEmpty()) {
            builder.claim("scope", String.join(" ", claims.scopes()));
        }
        claims.thumbprint().ifPresent(t -> builder.claim("cnf", Map.of("x5t#S256", t)));
        claims.family().ifPresent(f -> builder.claim(AccessTokenClaims.FAMILY_CLAIM, f));
        JWSHeader header = new JWSHeader.Builder(key.algorithm()).type(AT_JWT).keyID(key.keyId()).build();
        SignedJWT jwt = new SignedJWT(header, builder.build());
        try {
            jwt.sign(key.signer());
        } catch (JOSEException e) {
            throw new IllegalStateException("signing with " + key + " failed", e);
        }
        return new IssuedToken(jwt.serialize(), jti, expiresAt, lifetime.toSeconds());
    }

    private String newId() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
