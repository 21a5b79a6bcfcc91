package io.tokengate.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import java.security.Provider;
import java.util.Objects;
import java.util.Optional;

/**
 * A private signing key with its algorithm and a ready signer (RFC 7515). The signer is built
 * once, optionally on a given JCA provider (BouncyCastle's signs ES256 about twice as fast as
 * JDK 17's). Immutable and thread-safe; {@link #toString()} never shows key material.
 */
public final class SigningKey {
    private final JWK jwk;
    private final JWSAlgorithm algorithm;
    private final JWSSigner signer;

    /**
     * @param jwk       a private EC P-256 key for ES256, or RSA (2048 bits or more) for RS256/PS256; must have a {@code kid}
     * @param provider  the JCA provider to sign with, or empty for the JDK's
     * @throws IllegalArgumentException when the key does not fit the algorithm
     */
    public SigningKey(JWK jwk, JWSAlgorithm algorithm, Optional<Provider> provider) {
        this.jwk = Objects.requireNonNull(jwk, "jwk");
        this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
        if (jwk.getKeyID() == null || !jwk.isPrivate()) {
            throw new IllegalArgumentException("a signing key needs a kid and its private part");
        }
        try {
            if (JWSAlgorithm.Family.EC.contains(algorithm) && jwk instanceof ECKey ec) {
                ECDSASigner s = provider.isPresent()
                        ? new ECDSASigner(providerKey(ec.toECPrivateKey(), provider.get()), ec.getCurve())
                        : new ECDSASigner(ec);
                provider.ifPresent(p -> s.getJCAContext().setProvider(p));
                this.signer = s;
            } else if (JWSAlgorithm.Family.RSA.contains(algorithm) && jwk instanceof RSAKey rsa) {
                RSASSASigner s = new RSASSASigner(rsa);
                provider.ifPresent(p -> s.getJCAContext().setProvider(p));
                this.signer = s;
            } else {
                throw new IllegalArgumentException("a " + jwk.getKeyType() + " key cannot sign " + algorithm);
            }
            if (!signer.supportedJWSAlgorithms().contains(algorithm)) {
                throw new IllegalArgumentException("key " + jwk.getKeyID() + " cannot sign " + algorithm);
            }
        } catch (JOSEException e) {
            throw new IllegalArgumentException("key " + jwk.getKeyID() + " cannot sign " + algorithm + ": " + e.getMessage(), e);
        }
    }

    /**
     * The key as the provider's own key class. BouncyCastle converts a JDK key's curve on every
     * signature and so loses its precomputed table for the P-256 generator: given its own key
     * object once, it signs ES256 three times faster (benchmarks/README.md, "Reading").
     */
    private static java.security.PrivateKey providerKey(java.security.PrivateKey key, Provider provider) {
        try {
            return java.security.KeyFactory.getInstance("EC", provider).translateKey(key) instanceof java.security.PrivateKey p
                    ? p : key;
        } catch (java.security.GeneralSecurityException e) {
            return key;
        }
    }

    public String keyId() {
        return jwk.getKeyID();
    }

    public JWSAlgorithm algorithm() {
        return algorithm;
    }

    public JWSSigner signer() {
        return signer;
    }

    /** The public half, as published in the JWKS. */
    public JWK publicJwk() {
        return jwk.toPublicJWK();
    }

    /** The private key as JWK JSON, for the key file only. */
    String toPrivateJson() {
        return jwk.toJSONString();
    }

    @Override
    public String toString() {
        return "SigningKey[" + algorithm + ", kid=" + jwk.getKeyID() + "]";
    }
}
