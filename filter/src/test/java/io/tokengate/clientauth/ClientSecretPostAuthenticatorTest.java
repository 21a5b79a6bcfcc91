package io.tokengate.clientauth;

import static io.tokengate.testing.OAuth2Assertions.assertDescriptionContains;
import static io.tokengate.testing.OAuth2Assertions.assertOAuth2Error;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokengate.error.ErrorCode;
import io.tokengate.error.OAuth2Exception;
import io.tokengate.http.TokenRequest;
import io.tokengate.registry.Client;
import io.tokengate.registry.ClientAuthMethod;
import io.tokengate.testing.TestClients;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClientSecretPostAuthenticatorTest {
    private final ClientSecretPostAuthenticator authenticator = new ClientSecretPostAuthenticator();
    private final Client client = TestClients.secret("orders-batch").build();

    @Test
    void methodWhenAskedThenClientSecretPost() {
        assertEquals(ClientAuthMethod.CLIENT_SECRET_POST, authenticator.method());
    }

    @Test
    void isPresentInWhenClientSecretParameterThenTrue() {
        assertTrue(authenticator.isPresentIn(request(Map.of("client_id", "orders-batch", "client_secret", "x"))));
    }

    @Test
    void isPresentInWhenOnlyClientIdThenFalse() {
        assertFalse(authenticator.isPresentIn(request(Map.of("client_id", "orders-batch"))));
    }

    @Test
    void authenticateWhenSecretMatchesThenAuthenticatedWithoutCertificate() {
        AuthenticatedClient authenticated = authenticator.authenticate(
                request(Map.of("client_id", "orders-batch", "client_secret", TestClients.SECRET)), client);

        assertEquals(ClientAuthMethod.CLIENT_SECRET_POST, authenticated.method());
        assertEquals(Optional.empty(), authenticated.boundThumbprint());
    }

    @Test
    void authenticateWhenSecretWrongThenInvalidClient() {
        OAuth2Exception e = assertOAuth2Error(ErrorCode.INVALID_CLIENT, () -> authenticator.authenticate(
                request(Map.of("client_id", "orders-batch", "client_secret", "wrong")), client));

        assertDescriptionContains(e, "client_secret_post");
        assertDescriptionContains(e, "orders-batch");
    }

    @Test
    void authenticateWhenErrorThenDescriptionNeverShowsTheSecret() {
        OAuth2Exception e = assertOAuth2Error(ErrorCode.INVALID_CLIENT, () -> authenticator.authenticate(
                request(Map.of("client_id", "orders-batch", "client_secret", "almost-" + TestClients.SECRET)), client));

        assertFalse(e.description().contains(TestClients.SECRET));
    }

    private static TokenRequest request(Map<String, String> parameters) {
        return new TokenRequest(parameters, Optional.empty(), Optional.empty(), "203.0.113.7");
    }
}
