package io.tokengate.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import io.tokengate.token.SigningKey;
import io.tokengate.token.SigningKeySource;
import io.tokengate.token.SigningKeys;
import java.text.ParseException;
import java.util.Optional;

/** Signing keys for tests, and verification of the tokens signed with them. */
public final class TestSigningKeys {
    private TestSigningKeys() {
    }

    /** A fresh key for {@code algorithm} on the JDK's provider. */
    public static SigningKey generate(JWSAlgorithm algorithm) {
        return new SigningKey(SigningKeys.generate(algorithm), algorithm, Optional.empty());
    }

    /** A source that always signs with one fresh ES256 key. */
    public static SigningKeySource es256() {
        return SigningKeys.fixed(generate(JWSAlgorithm.ES256));
    }

    /**
     * Parses {@code token} and verifies its signature with the key its {@code kid} names in
     * {@code keys.publicKeys()}.
     *
     * @throws AssertionError when the token does not parse, names no published key, or its signature does not verify
     */
    public static SignedJWT verified(String token, SigningKeySource keys) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            JWK key = keys.publicKeys().getKeyByKeyId(jwt.getHeader().getKeyID());
            if (key == null) {
                throw new AssertionError("no published key has kid " + jwt.getHeader().getKeyID());
            }
            JWSVerifier verifier = key instanceof ECKey ec ? new ECDSAVerifier(ec)
                    : key instanceof RSAKey rsa ? new RSASSAVerifier(rsa)
                    : null;
            if (verifier == null || !jwt.verify(verifier)) {
                throw new AssertionError("the signature of the token does not verify with key " + key.getKeyID());
            }
            return jwt;
        } catch (ParseException | JOSEException e) {
            throw new AssertionError("not a verifiable JWS: " + e.getMessage(), e);
        }
    }
}
