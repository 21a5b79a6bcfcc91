package io.tokengate.endpoint;

import static io.tokengate.testing.TestClients.ORDERS_READ;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tokengate.config.AuthorizationServerConfig;
import io.tokengate.refresh.InMemoryRefreshTokenStore;
import io.tokengate.registry.InMemoryRegistry;
import io.tokengate.testing.RecordingResponse;
import io.tokengate.testing.ServletStreams;
import io.tokengate.testing.TestClients;
import io.tokengate.testing.TestClock;
import io.tokengate.testing.TestSigningKeys;
import io.tokengate.testing.TestUsers;
import io.tokengate.token.SigningKeySource;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.text.ParseException;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The password and refresh_token grants through the token endpoint as {@link AuthorizationServer} wires it. */
class PasswordGrantEndpointTest {
    private static final String ISSUER = "https://as.example.test";
    private static final String PASSWORD = URLEncoder.encode(TestUsers.PASSWORD, StandardCharsets.UTF_8);
    private static final String READ = URLEncoder.encode(ORDERS_READ, StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    private final ObjectMapper json = new ObjectMapper();
    private final TestClock clock = TestClock.create();
    private final SigningKeySource keys = TestSigningKeys.es256();
    private final InMemoryRegistry registry = TestClients.registry(TestClients.passwordClient("app").build(),
            TestClients.mobile("mobile-app").grantType("password").build());
    private final AuthorizationServer server = AuthorizationServer.builder(AuthorizationServerConfig.builder(ISSUER).build())
            .clients(registry).resources(registry).users(TestUsers.directory(TestUsers.user("alice")))
            .refreshTokenStore(new InMemoryRefreshTokenStore(clock)).keys(keys).clock(clock).random(new SecureRandom())
            .build();

    @Test
    void serviceWhenBasicAndPasswordGrantThen200WithUserTokenAndNoRefreshToken() throws IOException, ParseException {
        RecordingResponse response = serve(server, basic("app", TestClients.SECRET),
                "grant_type=password&username=alice&password=" + PASSWORD + "&scope=" + READ);

        assertEquals(200, response.status(), response.body());
        assertEquals("no-store", response.header("Cache-Control"));
        JsonNode body = json.readTree(response.body());
        assertEquals("Bearer", body.path("token_type").asText());
        assertEquals(ORDERS_READ, body.path("scope").asText());
        assertFalse(body.has("refresh_token"));
        assertEquals("alice", TestSigningKeys.verified(body.path("access_token").asText(), keys).getJWTClaimsSet()
                .getSubject());
    }

    @Test
    void serviceWhenBasicAndPasswordGrantWithOfflineAccessThen200WithRefreshToken() throws IOException {
        RecordingResponse response = serve(server, basic("app", TestClients.SECRET),
                "grant_type=password&username=alice&password=" + PASSWORD + "&scope=" + READ + "%20offline_access");

        assertEquals(200, response.status(), response.body());
        JsonNode body = json.readTree(response.body());
        assertEquals(ORDERS_READ + " offline_access", body.path("scope").asText());
        assertEquals(43, body.path("refresh_token").asText().length());
    }

    @Test
    void serviceWhenRefreshTokenFromPasswordGrantRedeemedThenNewPairAndOldOneSpent() throws IOException, ParseException {
        String first = json.readTree(serve(server, basic("app", TestClients.SECRET), "grant_type=password&username=alice"
                + "&password=" + PASSWORD + "&scope=" + READ + "%20offline_access").body()).path("refresh_token").asText();

        RecordingResponse refreshed = serve(server, basic("app", TestClients.SECRET),
                "grant_type=refresh_token&refresh_token=" + first);

        assertEquals(200, refreshed.status(), refreshed.body());
        JsonNode body = json.readTree(refreshed.body());
        assertEquals(ORDERS_READ + " offline_access", body.path("scope").asText());
        assertEquals("alice", TestSigningKeys.verified(body.path("access_token").asText(), keys).getJWTClaimsSet()
                .getSubject());
        assertFalse(first.equals(body.path("refresh_token").asText()));
        RecordingResponse reused = serve(server, basic("app", TestClients.SECRET),
                "grant_type=refresh_token&refresh_token=" + first);
        assertEquals(400, reused.status());
        assertEquals("invalid_grant", json.readTree(reused.body()).path("error").asText());
    }

    @Test
    void serviceWhenWrongPasswordThen400InvalidGrantWithGenericDescription() throws IOException {
        RecordingResponse response = serve(server, basic("app", TestClients.SECRET),
                "grant_type=password&username=alice&password=hunter2");

        assertEquals(400, response.status());
        JsonNode body = json.readTree(response.body());
        assertEquals("invalid_grant", body.path("error").asText());
        assertEquals("the username or password is wrong", body.path("error_description").asText());
    }

    @Test
    void serviceWhenPasswordGrantWithoutClientCredentialsThen401InvalidClient() throws IOException {
        RecordingResponse response = serve(server, null,
                "grant_type=password&client_id=app&username=alice&password=" + PASSWORD);

        assertEquals(401, response.status());
        assertEquals("invalid_client", json.readTree(response.body()).path("error").asText());
    }

    @Test
    void serviceWhenMobileAppAsksPasswordGrantThenUnauthorizedClient() throws IOException {
        RecordingResponse response = serve(server, null,
                "grant_type=password&client_id=mobile-app&username=alice&password=" + PASSWORD);

        assertEquals(400, response.status());
        assertEquals("unauthorized_client", json.readTree(response.body()).path("error").asText());
    }

    @Test
    void constructorWhenUsersFileConfiguredThenItsUsersSignIn() throws IOException {
        Path users = Files.writeString(dir.resolve("users.json"), "{\"users\":[{\"username\":\"bob\",\"password_hash\":\""
                + TestUsers.hasher().hash(TestUsers.PASSWORD).encoded() + "\"}]}");
        AuthorizationServer fromFile = new AuthorizationServer(AuthorizationServerConfig.builder(ISSUER).usersFile(users)
                .build(), registry, registry, keys, List.of(), clock, new SecureRandom());

        RecordingResponse response = serve(fromFile, basic("app", TestClients.SECRET),
                "grant_type=password&username=bob&password=" + PASSWORD);

        assertEquals(200, response.status(), response.body());
    }

    @Test
    void constructorWhenNoUsersFileThenPasswordGrantRefusedForEveryone() throws IOException {
        AuthorizationServer noUsers = new AuthorizationServer(AuthorizationServerConfig.builder(ISSUER).build(),
                registry, registry, keys, List.of(), clock, new SecureRandom());

        RecordingResponse response = serve(noUsers, basic("app", TestClients.SECRET),
                "grant_type=password&username=alice&password=" + PASSWORD);

        assertEquals(400, response.status());
        assertEquals("the username or password is wrong",
                json.readTree(response.body()).path("error_description").asText());
    }

    @Test
    void grantTypesWhenWiredThenPasswordAndRefreshTokenServed() {
        assertTrue(server.tokenEndpoint().grantTypes().containsAll(List.of("password", "refresh_token")),
                server.tokenEndpoint().grantTypes().toString());
        assertTrue(server.metadata().rfc8414Json().contains("\"password\""));
        assertTrue(server.metadata().rfc8414Json().contains("\"refresh_token\""));
    }

    private static RecordingResponse serve(AuthorizationServer target, String authorization, String body)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        HttpServletRequest request = mock(HttpServletRequest.class);
        when(request.getMethod()).thenReturn("POST");
        when(request.getContentType()).thenReturn("application/x-www-form-urlencoded");
        when(request.getContentLengthLong()).thenReturn((long) bytes.length);
        when(request.getInputStream()).thenReturn(ServletStreams.input(bytes));
        when(request.getRemoteAddr()).thenReturn("203.0.113.7");
        when(request.getRequestURI()).thenReturn("/oauth2/v1/token");
        when(request.getHeader("Authorization")).thenReturn(authorization);
        RecordingResponse response = new RecordingResponse();
        target.tokenEndpoint().service(request, response.servletResponse());
        return response;
    }

    private static String basic(String clientId, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }
}
