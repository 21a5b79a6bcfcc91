package io.tokengate.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import java.util.Optional;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.Test;

class SigningKeyTest {

    @Test
    void constructorWhenKeyPublicOnlyThenRefused() {
        JWK publicOnly = SigningKeys.generate(JWSAlgorithm.ES256).toPublicJWK();

        assertThrows(IllegalArgumentException.class, () -> new SigningKey(publicOnly, JWSAlgorithm.ES256, Optional.empty()));
    }

    @Test
    void constructorWhenKeyHasNoKidThenRefused() {
        ECKey withoutKid = new ECKey.Builder((ECKey) SigningKeys.generate(JWSAlgorithm.ES256)).keyID(null).build();

        assertThrows(IllegalArgumentException.class, () -> new SigningKey(withoutKid, JWSAlgorithm.ES256, Optional.empty()));
    }

    @Test
    void constructorWhenKeyTypeDoesNotFitAlgorithmThenRefused() {
        JWK ec = SigningKeys.generate(JWSAlgorithm.ES256);

        assertThrows(IllegalArgumentException.class, () -> new SigningKey(ec, JWSAlgorithm.RS256, Optional.empty()));
    }

    @Test
    void constructorWhenBouncyCastleProviderThenSignerUsesIt() {
        SigningKey key = new SigningKey(SigningKeys.generate(JWSAlgorithm.ES256), JWSAlgorithm.ES256,
                Optional.of(new BouncyCastleProvider()));

        assertEquals(BouncyCastleProvider.PROVIDER_NAME, key.signer().getJCAContext().getProvider().getName());
    }

    @Test
    void publicJwkWhenCalledThenNoPrivatePart() {
        SigningKey key = new SigningKey(SigningKeys.generate(JWSAlgorithm.ES256), JWSAlgorithm.ES256, Optional.empty());

        assertFalse(key.publicJwk().isPrivate());
    }

    @Test
    void toStringWhenCalledThenAlgorithmAndKidOnly() {
        JWK jwk = SigningKeys.generate(JWSAlgorithm.ES256);

        assertEquals("SigningKey[ES256, kid=" + jwk.getKeyID() + "]",
                new SigningKey(jwk, JWSAlgorithm.ES256, Optional.empty()).toString());
    }
}
