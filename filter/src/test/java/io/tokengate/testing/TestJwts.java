package io.tokengate.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * JWT assertions for tests (RFC 7523 §3), signed by Nimbus. {@link #assertion} returns a builder
 * with every claim a valid assertion needs (iss, sub, aud, exp five minutes ahead, iat, a random
 * jti); a test changes or removes what it is about and signs. Not thread-safe.
 *
 * <pre>{@code
 * String jwt = TestJwts.assertion(IDP, "alice", TOKEN_ENDPOINT, now).keyId("idp-1").sign(idpKey);
 * String unsigned = TestJwts.assertion(IDP, "alice", TOKEN_ENDPOINT, now).unsigned();
 * }</pre>
 */
public final class TestJwts {
    private TestJwts() {
    }

    /** A builder for a valid assertion issued at {@code now}, expiring five minutes later. */
    public static Builder assertion(String issuer, String subject, String audience, Instant now) {
        return new Builder(new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(subject)
                .audience(audience)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
                .jwtID(UUID.randomUUID().toString()));
    }

    /** The EC JWK (with its private key) of a test certificate, as a client holding it would sign with. */
    public static ECKey signingKeyOf(IssuedCertificate certificate) {
        return new ECKey.Builder(Curve.P_256, (ECPublicKey) certificate.publicKey())
                .privateKey((ECPrivateKey) certificate.privateKey())
                .build();
    }

    /** A public EC JWK carrying only {@code certificate} in {@code x5c}: no kid, no declared thumbprint. */
    public static ECKey x5cOnlyKeyOf(X509Certificate certificate) {
        try {
            return new ECKey.Builder(Curve.P_256, (ECPublicKey) certificate.getPublicKey())
                    .x509CertChain(List.of(com.nimbusds.jose.util.Base64.encode(certificate.getEncoded())))
                    .build();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The base64url {@code digest} ("SHA-256" or "SHA-1") of the certificate's DER, as {@code x5t#S256} / {@code x5t}. */
    public static Base64URL thumbprint(X509Certificate certificate, String digest) {
        try {
            return Base64URL.encode(MessageDigest.getInstance(digest).digest(certificate.getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Builds and signs one assertion. */
    public static final class Builder {
        private final JWTClaimsSet.Builder claims;
        private JWSAlgorithm algorithm;
        private String keyId;
        private boolean noKeyId;
        private Base64URL x5tS256;
        private Base64URL x5t;

        private Builder(JWTClaimsSet.Builder claims) {
            this.claims = claims;
        }

        /** Sets (or with {@code null} removes) any claim. */
        public Builder claim(String name, Object value) {
            claims.claim(name, value);
            return this;
        }

        public Builder issuer(String value) {
            claims.issuer(value);
            return this;
        }

        public Builder subject(String value) {
            claims.subject(value);
            return this;
        }

        public Builder audience(String... values) {
            claims.audience(values.length == 0 ? null : List.of(values));
            return this;
        }

        public Builder expiresAt(Instant value) {
            claims.expirationTime(value == null ? null : Date.from(value));
            return this;
        }

        public Builder notBefore(Instant value) {
            claims.notBeforeTime(value == null ? null : Date.from(value));
            return this;
        }

        public Builder issuedAt(Instant value) {
            claims.issueTime(value == null ? null : Date.from(value));
            return this;
        }

        public Builder jwtId(String value) {
            claims.jwtID(value);
            return this;
        }

        /** The JWS algorithm; by default RS256 for RSA keys and ES256 for EC keys. */
        public Builder algorithm(JWSAlgorithm value) {
            this.algorithm = value;
            return this;
        }

        /** The {@code kid} header; by default the signing key's own kid, if it has one. */
        public Builder keyId(String value) {
            this.keyId = value;
            return this;
        }

        /** Sends no {@code kid} header even when the signing key has one. */
        public Builder noKeyId() {
            this.noKeyId = true;
            return this;
        }

        public Builder x5tS256(Base64URL value) {
            this.x5tS256 = value;
            return this;
        }

        /** The deprecated SHA-1 {@code x5t} header. */
        public Builder x5t(Base64URL value) {
            this.x5t = value;
            return this;
        }

        public JWTClaimsSet claims() {
            return claims.build();
        }

        /** Signs with the private part of {@code key} (RSA or EC) and serialises. */
        public String sign(JWK key) {
            try {
                if (key instanceof RSAKey rsa) {
                    return sign(algorithm == null ? JWSAlgorithm.RS256 : algorithm, new RSASSASigner(rsa), key.getKeyID());
                }
                if (key instanceof ECKey ec) {
                    return sign(algorithm == null ? JWSAlgorithm.ES256 : algorithm, new ECDSASigner(ec), key.getKeyID());
                }
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
            throw new IllegalArgumentException("not an RSA or EC key: " + key.getKeyType());
        }

        /** Signs with HMAC (HS256 unless told otherwise) using {@code secret} as the MAC key. */
        public String signHmac(byte[] secret) {
            try {
                return sign(algorithm == null ? JWSAlgorithm.HS256 : algorithm, new MACSigner(secret), null);
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
        }

        /** The unsecured form {@code base64url({"alg":"none"}).base64url(claims).} with an empty signature. */
        public String unsigned() {
            return Base64URL.encode("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8)) + "."
                    + Base64URL.encode(claims.build().toString().getBytes(StandardCharsets.UTF_8)) + ".";
        }

        @SuppressWarnings("deprecation")
        private String sign(JWSAlgorithm alg, JWSSigner signer, String defaultKeyId) throws JOSEException {
            JWSHeader header = new JWSHeader.Builder(alg)
                    .keyID(noKeyId ? null : keyId != null ? keyId : defaultKeyId)
                    .x509CertSHA256Thumbprint(x5tS256)
                    .x509CertThumbprint(x5t)
                    .build();
            SignedJWT jwt = new SignedJWT(header, claims.build());
            jwt.sign(signer);
            return jwt.serialize();
        }
    }
}
