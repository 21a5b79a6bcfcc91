package io.tokengate.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tokengate.config.AuthorizationServerConfig;
import io.tokengate.registry.InMemoryClientStore;
import io.tokengate.registry.SecretHash;
import io.tokengate.testing.RecordingResponse;
import io.tokengate.testing.ServletStreams;
import io.tokengate.testing.TestClients;
import io.tokengate.testing.TestClock;
import io.tokengate.testing.TestSigningKeys;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The registration filter in front of a whole {@link AuthorizationServer}: what a client
 * registered through it can do at the token endpoint of the same server, the administrator
 * credential, the transport refusals and the metadata. The JSON members and rules are tested in
 * {@code io.tokengate.registration}; the same over real TLS in the it-tests.
 */
class RegistrationEndpointFilterTest {
    private static final String ISSUER = "https://as.example.test";
    private static final String ADMIN = "admin-token-0123456789abcdefghijklmnop";
    private static final String PATH = "/oauth2/v1/register";

    private final ObjectMapper json = new ObjectMapper();
    private final TestClock clock = TestClock.create();
    private final InMemoryClientStore store = new InMemoryClientStore();
    private final AuthorizationServer server = server(AuthorizationServerConfig.builder(ISSUER)
            .registrationAdminTokenHash(SecretHash.sha256Of(ADMIN)).maxBodyBytes(1024).build());
    private final RegistrationEndpointFilter filter = new RegistrationEndpointFilter(server);
    private final FilterChain chain = mock(FilterChain.class);

    @Test
    void postWhenValidThen201AndTokenEndpointAcceptsTheIssuedSecretAtOnce() throws Exception {
        RecordingResponse created = send("POST", PATH, "Bearer " + ADMIN, "application/json",
                "{\"client_id\": \"svc\", \"grant_types\": [\"client_credentials\"], \"roles\": [\"" + TestClients.READER_ROLE + "\"]}");

        assertEquals(201, created.status(), created::body);
        assertEquals("no-store", created.header("Cache-Control"));
        assertEquals(ISSUER + PATH + "/svc", created.header("Location"));
        JsonNode body = json.readTree(created.body());
        String secret = body.path("client_secret").asText();
        RecordingResponse token = EndpointFixture.send(server.tokenEndpoint()::service, "POST", basic("svc", secret),
                "grant_type=client_credentials&scope=" + URLEncoder.encode(TestClients.ORDERS_READ, StandardCharsets.UTF_8));
        assertEquals(200, token.status(), token::body);
    }

    @Test
    void deleteWhenRegisteredThen204AndTokenEndpointRefusesTheClient() throws Exception {
        String secret = json.readTree(send("POST", PATH, "Bearer " + ADMIN, "application/json",
                "{\"client_id\": \"svc\", \"grant_types\": [\"client_credentials\"]}").body()).path("client_secret").asText();

        RecordingResponse deleted = send("DELETE", PATH + "/svc", "Bearer " + ADMIN, null, "");

        assertEquals(204, deleted.status());
        assertEquals(401, EndpointFixture.send(server.tokenEndpoint()::service, "POST", basic("svc", secret),
                "grant_type=client_credentials").status());
    }

    @Test
    void getWhenRegisteredThenMetadataWithoutSecret() throws Exception {
        send("POST", PATH, "Bearer " + ADMIN, "application/json", "{\"client_id\": \"svc\"}");

        RecordingResponse read = send("GET", PATH + "/svc", "Bearer " + ADMIN, null, "");

        assertEquals(200, read.status());
        JsonNode body = json.readTree(read.body());
        assertEquals("svc", body.path("client_id").asText());
        assertFalse(body.has("client_secret"));
    }

    @Test
    void requestWhenNoAdminCredentialThen401BearerChallengeAndNothingStored() throws Exception {
        RecordingResponse response = send("POST", PATH, null, "application/json", "{\"client_id\": \"svc\"}");

        assertEquals(401, response.status());
        assertEquals("Bearer realm=\"tokengate\"", response.header("WWW-Authenticate"));
        assertEquals(List.of(), store.list());
    }

    @Test
    void requestWhenWrongAdminCredentialThen401InvalidToken() throws Exception {
        RecordingResponse response = send("GET", PATH + "/svc", "Bearer not-the-token", null, "");

        assertEquals(401, response.status());
        assertTrue(response.header("WWW-Authenticate").startsWith("Bearer realm=\"tokengate\", error=\"invalid_token\""));
        assertEquals("invalid_token", json.readTree(response.body()).path("error").asText());
    }

    @Test
    void getOnCollectionThen405AllowPost() throws Exception {
        RecordingResponse response = send("GET", PATH, "Bearer " + ADMIN, null, "");

        assertEquals(405, response.status());
        assertEquals("POST", response.header("Allow"));
    }

    @Test
    void postOnClientThen405AllowGetPutDelete() throws Exception {
        RecordingResponse response = send("POST", PATH + "/svc", "Bearer " + ADMIN, "application/json", "{}");

        assertEquals(405, response.status());
        assertEquals("GET, PUT, DELETE", response.header("Allow"));
    }

    @Test
    void postWhenFormBodyThen400InvalidRequest() throws Exception {
        RecordingResponse response = send("POST", PATH, "Bearer " + ADMIN, "application/x-www-form-urlencoded", "client_id=x");

        assertEquals(400, response.status());
        assertEquals("invalid_request", json.readTree(response.body()).path("error").asText());
    }

    @Test
    void postWhenBodyOverLimitThen413() throws Exception {
        RecordingResponse response = send("POST", PATH, "Bearer " + ADMIN, "application/json",
                "{\"client_id\": \"" + "a".repeat(2000) + "\"}");

        assertEquals(413, response.status());
    }

    @Test
    void getWhenClientIdHasReservedCharactersThenFoundByItsPercentEncodedSegment() throws Exception {
        store.create(TestClients.secret(TestClients.AUDIENCE).build());
        String segment = URLEncoder.encode(TestClients.AUDIENCE, StandardCharsets.UTF_8);

        RecordingResponse read = send("GET", PATH + "/" + segment, "Bearer " + ADMIN, null, "");

        assertEquals(200, read.status(), read::body);
        JsonNode body = json.readTree(read.body());
        assertEquals(TestClients.AUDIENCE, body.path("client_id").asText());
        assertEquals(ISSUER + PATH + "/" + segment, body.path("registration_client_uri").asText());
    }

    @Test
    void getWhenUnknownClientThen404() throws Exception {
        assertEquals(404, send("GET", PATH + "/ghost", "Bearer " + ADMIN, null, "").status());
    }

    @Test
    void doFilterWhenOtherPathThenPassedDownUntouched() throws Exception {
        HttpServletRequest request = request("POST", "/oauth2/v1/registered", "Bearer " + ADMIN, null, "");
        RecordingResponse response = new RecordingResponse();

        filter.doFilter(request, response.servletResponse(), chain);

        verify(chain).doFilter(request, response.servletResponse());
    }

    @Test
    void doFilterWhenRegistrationNotConfiguredThenPassedDownAndNotPublished() throws Exception {
        AuthorizationServer off = server(AuthorizationServerConfig.builder(ISSUER).build());
        HttpServletRequest request = request("POST", PATH, "Bearer " + ADMIN, "application/json", "{}");
        RecordingResponse response = new RecordingResponse();

        new RegistrationEndpointFilter(off).doFilter(request, response.servletResponse(), chain);

        verify(chain).doFilter(request, response.servletResponse());
        assertFalse(json.readTree(off.metadata().rfc8414Json()).has("registration_endpoint"));
    }

    @Test
    void metadataWhenRegistrationConfiguredThenRegistrationEndpointPublished() throws Exception {
        assertEquals(ISSUER + PATH, json.readTree(server.metadata().rfc8414Json()).path("registration_endpoint").asText());
    }

    @Test
    void initWhenConfiguredByInitParamsThenRegistersIntoTheRegistryFilesStore(@org.junit.jupiter.api.io.TempDir
            java.nio.file.Path dir) throws Exception {
        java.nio.file.Path registryFile = dir.resolve("registry.json");
        java.nio.file.Files.writeString(registryFile, """
                {"resource_servers": [{"audience": "https://api.example.test/", "scopes": ["orders.read"]}],
                 "application_roles": [{"name": "reader", "scopes": ["https://api.example.test/orders.read"]}],
                 "clients": [{"client_id": "from-file", "token_endpoint_auth_methods": ["client_secret_basic"],
                              "client_secret_hash": "%s"}]}""".formatted(SecretHash.sha256Of("s").encoded()));
        java.util.Map<String, String> params = java.util.Map.of("issuer", ISSUER, "registry-file", registryFile.toString(),
                "registration-admin-token-hash", SecretHash.sha256Of(ADMIN).encoded());
        jakarta.servlet.ServletContext context = mock(jakarta.servlet.ServletContext.class);
        jakarta.servlet.FilterConfig filterConfig = mock(jakarta.servlet.FilterConfig.class);
        when(filterConfig.getServletContext()).thenReturn(context);
        when(filterConfig.getInitParameter(org.mockito.ArgumentMatchers.anyString()))
                .thenAnswer(i -> params.get(i.<String>getArgument(0)));
        RegistrationEndpointFilter fromWebXml = new RegistrationEndpointFilter();
        fromWebXml.init(filterConfig);

        RecordingResponse duplicate = new RecordingResponse();
        fromWebXml.doFilter(request("POST", PATH, "Bearer " + ADMIN, "application/json",
                "{\"client_id\": \"from-file\"}"), duplicate.servletResponse(), chain);
        RecordingResponse created = new RecordingResponse();
        fromWebXml.doFilter(request("POST", PATH, "Bearer " + ADMIN, "application/json",
                "{\"client_id\": \"new\", \"roles\": [\"reader\"]}"), created.servletResponse(), chain);

        assertEquals(400, duplicate.status(), duplicate::body);
        assertTrue(duplicate.body().contains("client_id 'from-file' is already registered"), duplicate::body);
        assertEquals(201, created.status(), created::body);
    }

    private AuthorizationServer server(AuthorizationServerConfig config) {
        var registry = TestClients.registry();
        return AuthorizationServer.builder(config).clientStore(store).resources(registry)
                .keys(TestSigningKeys.es256()).clock(clock).random(new SecureRandom()).build();
    }

    private RecordingResponse send(String method, String path, String authorization, String contentType, String body)
            throws IOException, ServletException {
        RecordingResponse response = new RecordingResponse();
        filter.doFilter(request(method, path, authorization, contentType, body), response.servletResponse(), chain);
        verifyNoInteractions(chain);
        return response;
    }

    private static HttpServletRequest request(String method, String path, String authorization, String contentType,
            String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        HttpServletRequest request = mock(HttpServletRequest.class);
        when(request.getMethod()).thenReturn(method);
        when(request.getRequestURI()).thenReturn(path);
        when(request.getContextPath()).thenReturn("");
        when(request.getContentType()).thenReturn(contentType);
        when(request.getContentLengthLong()).thenReturn((long) bytes.length);
        when(request.getInputStream()).thenReturn(ServletStreams.input(bytes));
        when(request.getRemoteAddr()).thenReturn("203.0.113.9");
        when(request.getHeaders("Authorization")).thenReturn(Collections.enumeration(
                authorization == null ? List.of() : List.of(authorization)));
        return request;
    }

    private static String basic(String clientId, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }
}
