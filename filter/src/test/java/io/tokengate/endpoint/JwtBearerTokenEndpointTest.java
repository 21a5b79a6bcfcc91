package io.tokengate.endpoint;

import static io.tokengate.testing.TestClients.ORDERS_READ;
import static io.tokengate.testing.TestClients.ORDERS_WRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import io.tokengate.config.AuthorizationServerConfig;
import io.tokengate.registry.Client;
import io.tokengate.registry.ClientAuthMethod;
import io.tokengate.registry.InMemoryRegistry;
import io.tokengate.registry.TrustedIssuer;
import io.tokengate.testing.IssuedCertificate;
import io.tokengate.testing.RecordingResponse;
import io.tokengate.testing.ServletStreams;
import io.tokengate.testing.TestCertificates;
import io.tokengate.testing.TestClients;
import io.tokengate.testing.TestJwts;
import io.tokengate.testing.TestSigningKeys;
import io.tokengate.token.SigningKeySource;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.text.ParseException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The JWT bearer grant with {@code private_key_jwt} through the token endpoint as
 * {@link AuthorizationServer} wires it (RFC 7523 §2.1 and §2.2): the user assertion of a trusted
 * identity provider and the client's own assertion in one form-encoded request.
 */
class JwtBearerTokenEndpointTest {
    private static final String AS = "https://as.example.test";
    private static final String TOKEN_ENDPOINT = AS + "/oauth2/v1/token";
    private static final String IDP = "https://idp.example.test";
    private static final String USER = "alice@example.test";
    private static final String CLIENT_ASSERTION_TYPE =
            "urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer";
    private static final RSAKey IDP_KEY = rsa("idp-1");

    private final ObjectMapper json = new ObjectMapper();
    private final TestCertificates pki = TestCertificates.create();
    private final SigningKeySource tokenKeys = TestSigningKeys.es256();
    private final IssuedCertificate clientCertificate = pki.clientIssuedByIntermediate("CN=orders-service, O=Example");
    private final Client orders = TestClients.privateKeyJwt("orders-service", clientCertificate.certificate()).build();
    private final AuthorizationServer server = server(orders);

    @Test
    void serviceWhenJwtBearerGrantWithPrivateKeyJwtThen200AndTokenForTheUser() throws IOException, ParseException {
        RecordingResponse response = serve(body(userAssertion(), clientAssertion(TOKEN_ENDPOINT)));

        assertEquals(200, response.status(), response.body());
        assertEquals("no-store", response.header("Cache-Control"));
        JsonNode body = json.readTree(response.body());
        assertEquals("Bearer", body.path("token_type").asText());
        assertEquals(ORDERS_READ + " " + ORDERS_WRITE, body.path("scope").asText());
        assertFalse(body.has("refresh_token"));
        JWTClaimsSet claims = TestSigningKeys.verified(body.path("access_token").asText(), tokenKeys).getJWTClaimsSet();
        assertEquals(USER, claims.getSubject());
        assertEquals("orders-service", claims.getStringClaim("client_id"));
        assertEquals(AS, claims.getIssuer());
        assertNull(claims.getClaim("cnf"));
    }

    @Test
    void serviceWhenClientAssertionAudienceIsIssuerThen200() throws IOException {
        assertEquals(200, serve(body(userAssertion(), clientAssertion(AS))).status());
    }

    @Test
    void serviceWhenClientIdAlsoSentThen200() throws IOException {
        String request = body(userAssertion(), clientAssertion(TOKEN_ENDPOINT)) + "&client_id=orders-service";

        assertEquals(200, serve(request).status());
    }

    @Test
    void serviceWhenSameRequestSentTwiceThen401ClientAssertionAlreadyUsed() throws IOException {
        String request = body(userAssertion(), clientAssertion(TOKEN_ENDPOINT));
        assertEquals(200, serve(request).status());

        RecordingResponse replay = serve(request);

        assertEquals(401, replay.status());
        assertError(replay, "invalid_client", "was already used");
    }

    @Test
    void serviceWhenUserAssertionReusedWithFreshClientAssertionThen400AlreadyUsed() throws IOException {
        String userAssertion = userAssertion();
        assertEquals(200, serve(body(userAssertion, clientAssertion(TOKEN_ENDPOINT))).status());

        RecordingResponse replay = serve(body(userAssertion, clientAssertion(TOKEN_ENDPOINT)));

        assertEquals(400, replay.status());
        assertError(replay, "invalid_grant", "an assertion is accepted once");
    }

    @Test
    void serviceWhenUserAssertionFromUntrustedIssuerThen400InvalidGrant() throws IOException {
        String rogue = TestJwts.assertion("https://rogue.example.test", USER, TOKEN_ENDPOINT, pki.now()).sign(IDP_KEY);

        RecordingResponse response = serve(body(rogue, clientAssertion(TOKEN_ENDPOINT)));

        assertEquals(400, response.status());
        assertError(response, "invalid_grant", "assertion issuer https://rogue.example.test is not a trusted identity provider");
    }

    @Test
    void serviceWhenClientAssertionSignedByOtherKeyThen401WithChallenge() throws IOException {
        IssuedCertificate attacker = pki.clientIssuedByIntermediate("CN=orders-service, O=Example");
        String forged = TestJwts.assertion("orders-service", "orders-service", TOKEN_ENDPOINT, pki.now())
                .sign(TestJwts.signingKeyOf(attacker));

        RecordingResponse response = serve(body(userAssertion(), forged));

        assertEquals(401, response.status());
        assertTrue(response.header("WWW-Authenticate").startsWith("Basic realm="), response.header("WWW-Authenticate"));
        assertError(response, "invalid_client", "does not verify with the keys of orders-service");
    }

    @Test
    void serviceWhenGrantNotEnabledForClientThen400UnauthorizedClient() throws IOException {
        Client withoutGrant = Client.builder("orders-service").grantType("client_credentials")
                .authMethod(ClientAuthMethod.PRIVATE_KEY_JWT)
                .certificate(clientCertificate.certificate()).role(TestClients.READER_ROLE).build();

        RecordingResponse response = new RecordingResponse();
        server(withoutGrant).tokenEndpoint().service(post(body(userAssertion(), clientAssertion(TOKEN_ENDPOINT))),
                response.servletResponse());

        assertEquals(400, response.status());
        assertError(response, "unauthorized_client", "not enabled for client orders-service");
    }

    @Test
    void grantTypesWhenWiredThenJwtBearerServed() {
        assertTrue(server.tokenEndpoint().grantTypes().contains("urn:ietf:params:oauth:grant-type:jwt-bearer"));
    }

    private AuthorizationServer server(Client client) {
        TrustedIssuer idp = new TrustedIssuer(IDP, TrustedIssuer.Type.JWT, List.of(),
                Optional.of(new JWKSet(IDP_KEY.toPublicJWK())), Optional.empty(), Set.of());
        InMemoryRegistry registry = new InMemoryRegistry(List.of(client), TestClients.roles(),
                List.of(TestClients.ordersApi()), List.of(idp));
        return AuthorizationServer.builder(AuthorizationServerConfig.builder(AS).build()).clients(registry)
                .resources(registry).issuers(registry).keys(tokenKeys).trustAnchors(List.of(pki.root().certificate()))
                .clock(pki.clock()).random(new SecureRandom()).build();
    }

    private String userAssertion() {
        return TestJwts.assertion(IDP, USER, TOKEN_ENDPOINT, pki.now()).sign(IDP_KEY);
    }

    private String clientAssertion(String audience) {
        return TestJwts.assertion("orders-service", "orders-service", audience, pki.now())
                .sign(TestJwts.signingKeyOf(clientCertificate));
    }

    private static String body(String userAssertion, String clientAssertion) {
        return "grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer&assertion=" + userAssertion
                + "&client_assertion_type=" + CLIENT_ASSERTION_TYPE + "&client_assertion=" + clientAssertion;
    }

    private RecordingResponse serve(String body) throws IOException {
        RecordingResponse response = new RecordingResponse();
        server.tokenEndpoint().service(post(body), response.servletResponse());
        return response;
    }

    private static HttpServletRequest post(String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        HttpServletRequest request = mock(HttpServletRequest.class);
        when(request.getMethod()).thenReturn("POST");
        when(request.getContentType()).thenReturn("application/x-www-form-urlencoded");
        when(request.getContentLengthLong()).thenReturn((long) bytes.length);
        when(request.getInputStream()).thenReturn(ServletStreams.input(bytes));
        when(request.getRemoteAddr()).thenReturn("203.0.113.7");
        when(request.getRequestURI()).thenReturn("/oauth2/v1/token");
        return request;
    }

    private void assertError(RecordingResponse response, String code, String descriptionPart) throws IOException {
        JsonNode body = json.readTree(response.body());
        assertEquals(code, body.path("error").asText(), response.body());
        assertTrue(body.path("error_description").asText().contains(descriptionPart), response.body());
    }

    private static RSAKey rsa(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
