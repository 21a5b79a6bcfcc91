package io.tokengate.endpoint;

import static io.tokengate.testing.TestClients.ORDERS_READ;
import static io.tokengate.testing.TestClients.ORDERS_WRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jwt.JWTClaimsSet;
import io.tokengate.cert.ClientCertificateResolver;
import io.tokengate.cert.PkixValidator;
import io.tokengate.cert.TrustedProxies;
import io.tokengate.clientauth.ClientAuthentication;
import io.tokengate.clientauth.ClientSecretBasicAuthenticator;
import io.tokengate.clientauth.ClientSecretPostAuthenticator;
import io.tokengate.clientauth.SelfSignedTlsClientAuthenticator;
import io.tokengate.clientauth.TlsClientAuthenticator;
import io.tokengate.error.ErrorResponseWriter;
import io.tokengate.grant.ClientCredentialsGrantHandler;
import io.tokengate.grant.ScopeResolver;
import io.tokengate.grant.TlsClientAuthGrantHandler;
import io.tokengate.registry.ClientRegistry;
import io.tokengate.registry.InMemoryRegistry;
import io.tokengate.testing.IssuedCertificate;
import io.tokengate.testing.RecordingResponse;
import io.tokengate.testing.ServletStreams;
import io.tokengate.testing.TestCertificates;
import io.tokengate.testing.TestClients;
import io.tokengate.testing.TestSigningKeys;
import io.tokengate.token.AccessTokenIssuer;
import io.tokengate.token.SigningKeySource;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TokenEndpointTest {
    private static final String REALM = "tokengate-test";
    private static final String FORM = "application/x-www-form-urlencoded";
    private static final int MAX_BODY = 2048;

    private final ObjectMapper json = new ObjectMapper();
    private final TestCertificates pki = TestCertificates.create();
    private final SigningKeySource keys = TestSigningKeys.es256();
    private final IssuedCertificate certificate = pki.clientIssuedByIntermediate("CN=orders-service, O=Example");
    private final InMemoryRegistry registry = TestClients.registry(
            TestClients.withImportedCertificate("orders-service", certificate.certificate()).build(),
            TestClients.secret("batch").build(),
            TestClients.mobile("mobile-app").grantType("tls_client_auth").grantType("client_credentials").build());
    private final TokenEndpoint endpoint = endpoint(registry);

    @Test
    void serviceWhenGetThenStatus405WithAllowPostAndJsonError() throws IOException {
        HttpServletRequest request = post("grant_type=client_credentials");
        when(request.getMethod()).thenReturn("GET");

        RecordingResponse response = serve(request);

        assertEquals(405, response.status());
        assertEquals("POST", response.header("Allow"));
        assertError(response, "invalid_request");
        assertTrue(error(response).path("error_description").asText().contains("only POST"));
    }

    @Test
    void serviceWhenContentTypeNotFormThenInvalidRequest() throws IOException {
        HttpServletRequest request = post("{\"grant_type\":\"client_credentials\"}");
        when(request.getContentType()).thenReturn("application/json");

        RecordingResponse response = serve(request);

        assertEquals(400, response.status());
        assertError(response, "invalid_request");
        assertTrue(error(response).path("error_description").asText().contains("not application/json"));
    }

    @Test
    void serviceWhenNoContentTypeThenInvalidRequest() throws IOException {
        HttpServletRequest request = post("grant_type=client_credentials");
        when(request.getContentType()).thenReturn(null);

        RecordingResponse response = serve(request);

        assertError(response, "invalid_request");
        assertTrue(error(response).path("error_description").asText().contains("no Content-Type was sent"));
    }

    @Test
    void serviceWhenContentTypeHasCharsetAndOtherCaseThenAccepted() throws IOException {
        HttpServletRequest request = post("grant_type=client_credentials&client_id=batch&client_secret=" + TestClients.SECRET);
        when(request.getContentType()).thenReturn("Application/X-WWW-Form-Urlencoded; charset=UTF-8");

        assertEquals(200, serve(request).status());
    }

    @Test
    void serviceWhenQueryStringThenInvalidRequest() throws IOException {
        HttpServletRequest request = post("grant_type=client_credentials");
        when(request.getQueryString()).thenReturn("client_secret=" + TestClients.SECRET);

        RecordingResponse response = serve(request);

        assertEquals(400, response.status());
        assertError(response, "invalid_request");
        assertTrue(error(response).path("error_description").asText().contains("not the query string"));
    }

    @Test
    void serviceWhenGrantTypeMissingThenInvalidRequest() throws IOException {
        RecordingResponse response = serve(post("client_id=batch&client_secret=" + TestClients.SECRET));

        assertEquals(400, response.status());
        assertError(response, "invalid_request");
        assertTrue(error(response).path("error_description").asText().contains("'grant_type' parameter is missing"));
    }

    @Test
    void serviceWhenGrantTypeRepeatedThenInvalidRequest() throws IOException {
        RecordingResponse response = serve(post("grant_type=client_credentials&grant_type=tls_client_auth"
                + "&client_id=batch&client_secret=" + TestClients.SECRET));

        assertEquals(400, response.status());
        assertError(response, "invalid_request");
        assertTrue(error(response).path("error_description").asText().contains("'grant_type' is repeated"));
    }

    @Test
    void serviceWhenGrantTypeUnsupportedThenUnsupportedGrantType() throws IOException {
        RecordingResponse response = serve(post("grant_type=password&username=u&password=p"));

        assertEquals(400, response.status());
        assertError(response, "unsupported_grant_type");
        assertTrue(error(response).path("error_description").asText()
                .contains("supported: client_credentials, tls_client_auth"));
    }

    @Test
    void serviceWhenBodyTooLargeThenStatus413() throws IOException {
        RecordingResponse response = serve(post("grant_type=client_credentials&pad=" + "x".repeat(MAX_BODY)));

        assertEquals(413, response.status());
        assertError(response, "invalid_request");
    }

    @Test
    void serviceWhenClientAuthenticationFailsThenStatus401WithBasicChallenge() throws IOException {
        HttpServletRequest request = post("grant_type=client_credentials");
        when(request.getHeader("Authorization")).thenReturn(basic("batch", "wrong-secret"));

        RecordingResponse response = serve(request);

        assertEquals(401, response.status());
        assertEquals("Basic realm=\"" + REALM + "\"", response.header("WWW-Authenticate"));
        assertError(response, "invalid_client");
    }

    @Test
    void serviceWhenCertificateClientPresentsNoCertificateThenStatus401() throws IOException {
        RecordingResponse response = serve(post("grant_type=tls_client_auth&client_id=orders-service"));

        assertEquals(401, response.status());
        assertError(response, "invalid_client");
        assertTrue(error(response).path("error_description").asText().contains("no client certificate was presented"));
    }

    @Test
    void serviceWhenGrantNotEnabledForClientThenUnauthorizedClient() throws IOException {
        HttpServletRequest request = post("grant_type=tls_client_auth");
        when(request.getHeader("Authorization")).thenReturn(basic("batch", TestClients.SECRET));

        RecordingResponse response = serve(request);

        assertEquals(400, response.status());
        assertError(response, "unauthorized_client");
        assertTrue(error(response).path("error_description").asText().contains("not enabled for client batch"));
    }

    @Test
    void serviceWhenMobileAppAsksTlsClientAuthThenUnauthorizedClient() throws IOException {
        RecordingResponse response = serve(post("grant_type=tls_client_auth&client_id=mobile-app"));

        assertEquals(400, response.status());
        assertError(response, "unauthorized_client");
        assertTrue(error(response).path("error_description").asText().contains("mobile (public) application"));
    }

    @Test
    void serviceWhenClientCredentialsSucceedThen200WithNoStoreAndTokenResponse() throws IOException, ParseException {
        HttpServletRequest request = post("grant_type=client_credentials&scope="
                + ORDERS_READ.replace(":", "%3A").replace("/", "%2F"));
        when(request.getHeader("Authorization")).thenReturn(basic("batch", TestClients.SECRET));

        RecordingResponse response = serve(request);

        assertEquals(200, response.status());
        assertEquals("no-store", response.header("Cache-Control"));
        assertEquals("no-cache", response.header("Pragma"));
        assertEquals("application/json;charset=UTF-8", response.contentType());
        JsonNode body = json.readTree(response.body());
        assertEquals("Bearer", body.path("token_type").asText());
        assertEquals(3600, body.path("expires_in").asLong());
        assertEquals(ORDERS_READ, body.path("scope").asText());
        assertFalse(body.has("refresh_token"));
        JWTClaimsSet claims = TestSigningKeys.verified(body.path("access_token").asText(), keys).getJWTClaimsSet();
        assertEquals("batch", claims.getSubject());
        assertEquals(null, claims.getClaim("cnf"));
    }

    @Test
    void serviceWhenTlsClientAuthGrantWithCertificateThen200AndCertificateBoundToken() throws IOException, ParseException {
        HttpServletRequest request = post("grant_type=tls_client_auth&client_id=orders-service");
        when(request.getAttribute(ClientCertificateResolver.SERVLET_ATTRIBUTE)).thenReturn(certificate.chainArray());

        RecordingResponse response = serve(request);

        assertEquals(200, response.status());
        assertEquals("no-store", response.header("Cache-Control"));
        JsonNode body = json.readTree(response.body());
        assertEquals(ORDERS_READ + " " + ORDERS_WRITE, body.path("scope").asText());
        JWTClaimsSet claims = TestSigningKeys.verified(body.path("access_token").asText(), keys).getJWTClaimsSet();
        assertEquals(Map.of("x5t#S256", certificate.thumbprint()), claims.getJSONObjectClaim("cnf"));
    }

    @Test
    void serviceWhenErrorThenNoStoreAndJsonContentType() throws IOException {
        RecordingResponse response = serve(post("grant_type=password"));

        assertEquals("no-store", response.header("Cache-Control"));
        assertEquals("application/json;charset=UTF-8", response.contentType());
    }

    @Test
    void serviceWhenRegistryThrowsUnexpectedlyThen500ServerErrorWithoutStackTrace() throws IOException {
        ClientRegistry failing = mock(ClientRegistry.class);
        when(failing.findClient(anyString())).thenThrow(new IllegalStateException("database db.internal:5432 refused"));
        HttpServletRequest request = post("grant_type=client_credentials");
        when(request.getHeader("Authorization")).thenReturn(basic("batch", TestClients.SECRET));

        RecordingResponse response = new RecordingResponse();
        endpoint(failing).service(request, response.servletResponse());

        assertEquals(500, response.status());
        assertError(response, "server_error");
        assertEquals("no-store", response.header("Cache-Control"));
        String body = response.body();
        assertFalse(body.contains("db.internal"), body);
        assertFalse(body.contains("IllegalStateException"), body);
        assertFalse(body.contains("\tat "), body);
        assertFalse(body.contains("io.tokengate."), body);
    }

    @Test
    void grantTypesWhenAskedThenSortedTypesServed() {
        assertEquals(List.of("client_credentials", "tls_client_auth"), endpoint.grantTypes());
    }

    private RecordingResponse serve(HttpServletRequest request) throws IOException {
        RecordingResponse response = new RecordingResponse();
        endpoint.service(request, response.servletResponse());
        return response;
    }

    private TokenEndpoint endpoint(ClientRegistry clients) {
        AccessTokenIssuer issuer = new AccessTokenIssuer("https://as.example.test", Duration.ofHours(1), keys,
                pki.clock(), new SecureRandom());
        ScopeResolver scopes = new ScopeResolver(registry);
        ClientAuthentication authentication = new ClientAuthentication(clients, List.of(
                new TlsClientAuthenticator(io.tokengate.cert.validation.CachingCertificateValidator.withoutRevocation(List.of(pki.root().certificate()), java.time.Duration.ZERO, pki.clock())),
                new SelfSignedTlsClientAuthenticator(io.tokengate.cert.validation.CachingCertificateValidator.withoutRevocation(java.util.List.of(pki.root().certificate()), java.time.Duration.ZERO, pki.clock())),
                new ClientSecretBasicAuthenticator(),
                new ClientSecretPostAuthenticator()));
        return new TokenEndpoint(
                List.of(new TlsClientAuthGrantHandler(scopes, issuer), new ClientCredentialsGrantHandler(scopes, issuer)),
                authentication, new ClientCertificateResolver(TrustedProxies.none()), new ErrorResponseWriter(REALM),
                MAX_BODY);
    }

    private static HttpServletRequest post(String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        HttpServletRequest request = mock(HttpServletRequest.class);
        when(request.getMethod()).thenReturn("POST");
        when(request.getContentType()).thenReturn(FORM);
        when(request.getContentLengthLong()).thenReturn((long) bytes.length);
        when(request.getInputStream()).thenReturn(ServletStreams.input(bytes));
        when(request.getRemoteAddr()).thenReturn("203.0.113.7");
        when(request.getRequestURI()).thenReturn("/oauth2/v1/token");
        return request;
    }

    private static String basic(String clientId, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    private JsonNode error(RecordingResponse response) throws IOException {
        return json.readTree(response.body());
    }

    private void assertError(RecordingResponse response, String code) throws IOException {
        JsonNode body = error(response);
        assertEquals(code, body.path("error").asText(), response.body());
        assertTrue(body.path("error_description").isTextual(), response.body());
    }
}
