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
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClientSecretBasicAuthenticatorTest {
    private final ClientSecretBasicAuthenticator authenticator = new ClientSecretBasicAuthenticator();
    private final Client client = TestClients.secret("orders-batch").build();

    @Test
    void methodWhenAskedThenClientSecretBasic() {
        assertEquals(ClientAuthMethod.CLIENT_SECRET_BASIC, authenticator.method());
    }

    @Test
    void isPresentInWhenBasicHeaderThenTrue() {
        assertTrue(authenticator.isPresentIn(request(basic("orders-batch", TestClients.SECRET))));
    }

    @Test
    void isPresentInWhenSchemeInOtherCaseThenTrue() {
        assertTrue(authenticator.isPresentIn(request(basic("orders-batch", TestClients.SECRET).replace("Basic", "bAsIc"))));
    }

    @Test
    void isPresentInWhenBearerHeaderThenFalse() {
        assertFalse(authenticator.isPresentIn(request("Bearer eyJhbGciOiJFUzI1NiJ9.e30.sig")));
    }

    @Test
    void isPresentInWhenNoHeaderThenFalse() {
        assertFalse(authenticator.isPresentIn(new TokenRequest(Map.of(), Optional.empty(), Optional.empty(), "203.0.113.7")));
    }

    @Test
    void authenticateWhenSecretMatchesThenAuthenticatedWithoutCertificate() {
        AuthenticatedClient authenticated = authenticator.authenticate(
                request(basic("orders-batch", TestClients.SECRET)), client);

        assertEquals(client, authenticated.client());
        assertEquals(ClientAuthMethod.CLIENT_SECRET_BASIC, authenticated.method());
        assertEquals(Optional.empty(), authenticated.certificate());
        assertEquals(Optional.empty(), authenticated.boundThumbprint());
    }

    @Test
    void authenticateWhenIdAndSecretFormUrlEncodedThenDecodedBeforeComparing() {
        Client special = TestClients.secret("orders:batch", "p@ss+w%rd").build();
        // RFC 6749 §2.3.1: application/x-www-form-urlencoded, then Base64
        String header = basicRaw("orders%3Abatch:p%40ss%2Bw%25rd");

        AuthenticatedClient authenticated = authenticator.authenticate(request(header), special);

        assertEquals("orders:batch", authenticated.clientId());
    }

    @Test
    void authenticateWhenSecretWrongThenInvalidClient() {
        OAuth2Exception e = assertOAuth2Error(ErrorCode.INVALID_CLIENT,
                () -> authenticator.authenticate(request(basic("orders-batch", "wrong")), client));

        assertDescriptionContains(e, "is not the secret registered for client orders-batch");
        assertDescriptionContains(e, "client_secret_basic");
    }

    @Test
    void authenticateWhenSecretSentUnencodedAndContainsPercentThenInvalidClient() {
        Client special = TestClients.secret("orders-batch", "p@ss+w%rd").build();

        assertOAuth2Error(ErrorCode.INVALID_CLIENT,
                () -> authenticator.authenticate(request(basicRaw("orders-batch:p@ss+w%rd")), special));
    }

    @Test
    void authenticateWhenCredentialsNotBase64ThenInvalidClient() {
        OAuth2Exception e = assertOAuth2Error(ErrorCode.INVALID_CLIENT,
                () -> authenticator.authenticate(request("Basic not*base64!"), client));

        assertDescriptionContains(e, "not base64");
    }

    @Test
    void authenticateWhenDecodedCredentialsHaveNoColonThenInvalidClient() {
        OAuth2Exception e = assertOAuth2Error(ErrorCode.INVALID_CLIENT,
                () -> authenticator.authenticate(request(basicRaw("orders-batch")), client));

        assertDescriptionContains(e, "expected base64(client_id:client_secret)");
    }

    @Test
    void authenticateWhenClientIdEmptyThenInvalidClient() {
        assertOAuth2Error(ErrorCode.INVALID_CLIENT,
                () -> authenticator.authenticate(request(basicRaw(":" + TestClients.SECRET)), client));
    }

    @Test
    void authenticateWhenFormUrlEncodingMalformedThenInvalidClient() {
        OAuth2Exception e = assertOAuth2Error(ErrorCode.INVALID_CLIENT,
                () -> authenticator.authenticate(request(basicRaw("orders-batch:bad%zzsecret")), client));

        assertDescriptionContains(e, "malformed form-url-encoding");
    }

    @Test
    void authenticateWhenClientHasNoSecretThenInvalidClient() {
        Client withoutSecret = Client.builder("orders-batch").authMethod(ClientAuthMethod.CLIENT_SECRET_BASIC).build();

        assertOAuth2Error(ErrorCode.INVALID_CLIENT,
                () -> authenticator.authenticate(request(basic("orders-batch", TestClients.SECRET)), withoutSecret));
    }

    static String basic(String clientId, String secret) {
        return basicRaw(URLEncoder.encode(clientId, StandardCharsets.UTF_8) + ":"
                + URLEncoder.encode(secret, StandardCharsets.UTF_8));
    }

    static String basicRaw(String credentials) {
        return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }

    private static TokenRequest request(String authorization) {
        return new TokenRequest(Map.of("grant_type", "client_credentials"), Optional.of(authorization), Optional.empty(),
                "203.0.113.7");
    }
}
