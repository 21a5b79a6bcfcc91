package io.tokengate.agent;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.tokengate.cert.Thumbprints;
import java.security.interfaces.ECPrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/**
 * Signs the JWTs the agent sends: user assertions for the JWT bearer grant (RFC 7523 §2.1, issuer
 * = the client id, as a Trusted client signs them) and {@code private_key_jwt} client assertions
 * (RFC 7523 §2.2, issuer = subject = the client id). ES256 for an EC key, RS256 for RSA; the key is
 * named by the {@code x5t#S256} thumbprint of the client certificate, as the server selects keys
 * made from registered certificates. Each JWT has a fresh {@code jti}. Thread-safe.
 */
final class JwtMinter {
    private final String clientId;
    private final JWSSigner signer;
    private final JWSHeader header;
    private final Duration lifetime;
    private final Clock clock;

    JwtMinter(String clientId, ClientKeyMaterial key, Duration lifetime, Clock clock) {
        this.clientId = clientId;
        boolean ec = key.privateKey() instanceof ECPrivateKey;
        try {
            this.signer = ec ? new ECDSASigner((ECPrivateKey) key.privateKey()) : new RSASSASigner(key.privateKey());
        } catch (JOSEException e) {
            throw new IllegalArgumentException("the client key cannot sign JWTs: " + e.getMessage(), e);
        }
        this.header = new JWSHeader.Builder(ec ? JWSAlgorithm.ES256 : JWSAlgorithm.RS256).type(JOSEObjectType.JWT)
                .x509CertSHA256Thumbprint(new Base64URL(Thumbprints.x5tS256(key.certificate()))).build();
        this.lifetime = lifetime;
        this.clock = clock;
    }

    /** A user assertion about {@code subject} for the token endpoint {@code audience}. */
    String userAssertion(String subject, String audience) {
        return sign(subject, audience);
    }

    /** A {@code private_key_jwt} client assertion for the token endpoint {@code audience}. */
    String clientAssertion(String audience) {
        return sign(clientId, audience);
    }

    private String sign(String subject, String audience) {
        Instant now = clock.instant();
        SignedJWT jwt = new SignedJWT(header, new JWTClaimsSet.Builder().issuer(clientId).subject(subject)
                .audience(audience).issueTime(Date.from(now)).expirationTime(Date.from(now.plus(lifetime)))
                .jwtID(UUID.randomUUID().toString()).build());
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("could not sign a JWT with the client key: " + e.getMessage(), e);
        }
        return jwt.serialize();
    }
}
