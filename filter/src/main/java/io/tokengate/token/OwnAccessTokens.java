package io.tokengate.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Clock;
import java.util.Date;
import java.util.Objects;
import java.util.Optional;

/**
 * Recognises the access tokens this server issued ({@link AccessTokenIssuer}), for the revocation
 * (RFC 7009) and introspection (RFC 7662) endpoints: a JWS with header {@code typ: at+jwt} whose
 * {@code kid} names one of the server's own public keys and whose signature that key verifies,
 * with this server as {@code iss} and a {@code jti}, {@code client_id} and {@code exp}. Expiry is
 * not checked here: {@link #isExpired} says it, since revocation and introspection treat it
 * differently. Thread-safe.
 */
public final class OwnAccessTokens {
    private final String issuer;
    private final SigningKeySource keys;
    private final Clock clock;
    private final DefaultJWSVerifierFactory verifiers = new DefaultJWSVerifierFactory();

    public OwnAccessTokens(String issuer, SigningKeySource keys, Clock clock) {
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The claims of {@code token} when it is an access token this server signed; empty for
     * anything else (not a JWS, another type, unknown key, bad signature, another issuer, or
     * missing {@code jti}, {@code client_id} or {@code exp}). Never throws for bad input.
     */
    public Optional<JWTClaimsSet> verify(String token) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!AccessTokenIssuer.AT_JWT.equals(jwt.getHeader().getType()) || jwt.getHeader().getKeyID() == null) {
                return Optional.empty();
            }
            JWK key = keys.publicKeys().getKeyByKeyId(jwt.getHeader().getKeyID());
            if (key == null) {
                return Optional.empty();
            }
            JWSVerifier verifier = verifiers.createJWSVerifier(jwt.getHeader(), publicKeyOf(key));
            if (!jwt.verify(verifier)) {
                return Optional.empty();
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            if (!issuer.equals(claims.getIssuer()) || claims.getJWTID() == null || claims.getExpirationTime() == null
                    || claims.getStringClaim("client_id") == null) {
                return Optional.empty();
            }
            return Optional.of(claims);
        } catch (ParseException | JOSEException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Whether the token's {@code exp} has been reached. */
    public boolean isExpired(JWTClaimsSet claims) {
        return !claims.getExpirationTime().after(Date.from(clock.instant()));
    }

    private static java.security.Key publicKeyOf(JWK key) throws JOSEException {
        if (key instanceof com.nimbusds.jose.jwk.ECKey ec) {
            return ec.toECPublicKey();
        }
        if (key instanceof com.nimbusds.jose.jwk.RSAKey rsa) {
            return rsa.toRSAPublicKey();
        }
        throw new JOSEException("unsupported key type " + key.getKeyType());
    }
}
