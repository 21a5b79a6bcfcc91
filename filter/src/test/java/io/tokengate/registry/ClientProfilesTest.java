package io.tokengate.registry;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import io.tokengate.testing.TestCertificates;
import io.tokengate.testing.TestClients;
import io.tokengate.token.SigningKeys;
import org.junit.jupiter.api.Test;

class ClientProfilesTest {
    private final TestCertificates pki = TestCertificates.create();

    @Test
    void checkWhenEveryTestProfileThenAccepted() {
        assertDoesNotThrow(() -> {
            ClientProfiles.check(TestClients.withImportedCertificate("a", pki.selfSigned("CN=a").certificate()).build());
            ClientProfiles.check(TestClients.pkiBySubjectDn("b", "CN=b").build());
            ClientProfiles.check(TestClients.selfSigned("c", pki.selfSigned("CN=c").certificate()).build());
            ClientProfiles.check(TestClients.secret("d").build());
            ClientProfiles.check(TestClients.mobile("e").build());
        });
    }

    @Test
    void checkWhenMobileApplicationHasSecretMethodThenRefused() {
        Client mobile = TestClients.mobile("app").authMethod(ClientAuthMethod.CLIENT_SECRET_POST)
                .secretHash(SecretHash.sha256Of("x")).build();

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ClientProfiles.check(mobile));

        assertTrue(e.getMessage().startsWith("client app:"), e.getMessage());
    }

    @Test
    void checkWhenPublicClientTypeOnConfidentialApplicationWithCertificateThenRefused() {
        Client client = TestClients.pkiBySubjectDn("b", "CN=b").clientType(ClientType.PUBLIC).build();

        assertThrows(IllegalArgumentException.class, () -> ClientProfiles.check(client));
    }

    @Test
    void checkWhenSelfSignedJwksWithoutX5cThenRefused() {
        JWKSet withoutX5c = new JWKSet(SigningKeys.generate(JWSAlgorithm.ES256).toPublicJWK());
        Client client = Client.builder("c").authMethod(ClientAuthMethod.SELF_SIGNED_TLS_CLIENT_AUTH).jwks(withoutX5c).build();

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ClientProfiles.check(client));

        assertTrue(e.getMessage().contains("x5c"), e.getMessage());
    }
}
