package io.tokengate.clientauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tokengate.registry.ClientAuthMethod;
import io.tokengate.testing.IssuedCertificate;
import io.tokengate.testing.TestCertificates;
import io.tokengate.testing.TestClients;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AuthenticatedClientTest {
    private final IssuedCertificate certificate = TestCertificates.create().selfSigned("CN=orders-service");

    @Test
    void constructorWhenCertificateMethodWithoutCertificateThenRefused() {
        assertThrows(IllegalArgumentException.class, () -> new AuthenticatedClient(
                TestClients.withImportedCertificate("c", certificate.certificate()).build(),
                ClientAuthMethod.TLS_CLIENT_AUTH, Optional.empty()));
    }

    @Test
    void boundThumbprintWhenCertificateMethodThenLeafThumbprint() {
        AuthenticatedClient client = new AuthenticatedClient(
                TestClients.withImportedCertificate("c", certificate.certificate()).build(),
                ClientAuthMethod.TLS_CLIENT_AUTH, Optional.of(certificate.presented()));

        assertEquals(Optional.of(certificate.thumbprint()), client.boundThumbprint());
    }

    @Test
    void boundThumbprintWhenSecretMethodWithCertificateThenEmpty() {
        AuthenticatedClient client = new AuthenticatedClient(TestClients.secret("c").build(),
                ClientAuthMethod.CLIENT_SECRET_BASIC, Optional.of(certificate.presented()));

        assertEquals(Optional.empty(), client.boundThumbprint());
    }
}
