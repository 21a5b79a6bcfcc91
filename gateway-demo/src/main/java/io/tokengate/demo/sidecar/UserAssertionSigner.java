package io.tokengate.demo.sidecar;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/**
 * Signs the user assertions of the JWT bearer grant as a Trusted client does (RFC 7523 §3):
 * {@code iss} the client id, {@code sub} the user, {@code aud} the token endpoint, a five-minute
 * lifetime and a fresh {@code jti}, with the key of the client's registered certificate, named in
 * the header by its {@code x5t#S256} thumbprint.
 */
final class UserAssertionSigner {
    private static final Duration LIFETIME = Duration.ofMinutes(5);

    private final String clientId;
    private final PrivateKey key;
    private final Base64URL thumbprint;
    private final Clock clock;

    UserAssertionSigner(String clientId, PrivateKey key, X509Certificate certificate, Clock clock) {
        this.clientId = clientId;
        this.key = key;
        this.clock = clock;
        try {
            this.thumbprint = Base64URL.encode(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot compute the thumbprint of the client certificate", e);
        }
    }

    String sign(String subject, String audience) {
        boolean ec = key instanceof ECPrivateKey;
        Instant now = clock.instant();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(ec ? JWSAlgorithm.ES256 : JWSAlgorithm.RS256)
                .x509CertSHA256Thumbprint(thumbprint).build(),
                new JWTClaimsSet.Builder().issuer(clientId).subject(subject).audience(audience)
                        .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(LIFETIME)))
                        .jwtID(UUID.randomUUID().toString()).build());
        try {
            jwt.sign(ec ? new ECDSASigner((ECPrivateKey) key) : new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a user assertion with the client key", e);
        }
        return jwt.serialize();
    }
}
