package io.tokengate.endpoint;

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
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * One {@link AuthorizationServer} on a {@link TestClock} with clients {@code app} and
 * {@code other} (secret, password and refresh grants), the resource server client
 * {@value TestClients#AUDIENCE} and the mobile application {@code mobile-app}, and the requests the
 * revocation and introspection tests send to it.
 */
final class EndpointFixture {
    static final String ISSUER = "https://as.example.test";
    static final String READ = URLEncoder.encode(TestClients.ORDERS_READ, StandardCharsets.UTF_8);

    final ObjectMapper json = new ObjectMapper();
    final TestClock clock = TestClock.create();
    final SigningKeySource keys = TestSigningKeys.es256();
    final InMemoryRegistry registry = TestClients.registry(TestClients.passwordClient("app").build(),
            TestClients.passwordClient("other").build(), TestClients.secret(TestClients.AUDIENCE).build(),
            TestClients.mobile("mobile-app").build());
    final AuthorizationServer server = AuthorizationServer.builder(AuthorizationServerConfig.builder(ISSUER).build())
            .clients(registry).resources(registry).users(TestUsers.directory(TestUsers.user("alice")))
            .refreshTokenStore(new InMemoryRefreshTokenStore(clock)).keys(keys).clock(clock).random(new SecureRandom())
            .build();

    /** An access token of {@code clientId} for {@code orders.read} from the client credentials grant. */
    String accessToken(String clientId) {
        return grant(clientId, "grant_type=client_credentials&scope=" + READ).path("access_token").asText();
    }

    /** A refresh token of {@code clientId} for alice from the password grant with {@code offline_access}. */
    String refreshToken(String clientId) {
        return offlineGrant(clientId).path("refresh_token").asText();
    }

    /** The token response to {@code clientId}'s password grant for alice with {@code offline_access}: both tokens. */
    JsonNode offlineGrant(String clientId) {
        return grant(clientId, "grant_type=password&username=alice&password="
                + URLEncoder.encode(TestUsers.PASSWORD, StandardCharsets.UTF_8) + "&scope=" + READ + "%20offline_access");
    }

    /** The token endpoint's answer to {@code clientId} redeeming {@code refreshToken}. */
    RecordingResponse refresh(String clientId, String refreshToken) {
        return send(server.tokenEndpoint()::service, "POST", basic(clientId), "grant_type=refresh_token&refresh_token="
                + refreshToken);
    }

    RecordingResponse revoke(String authorization, String body) {
        return send(server.revocationEndpoint()::service, "POST", authorization, body);
    }

    RecordingResponse introspect(String authorization, String body) {
        return send(server.introspectionEndpoint()::service, "POST", authorization, body);
    }

    /** The introspection answer {@code clientId} gets for {@code token}, parsed. */
    JsonNode introspection(String clientId, String token) {
        RecordingResponse response = introspect(basic(clientId), "token=" + token);
        if (response.status() != 200) {
            throw new AssertionError(response.status() + " " + response.body());
        }
        return parse(response.body());
    }

    JsonNode parse(String body) {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JsonNode grant(String clientId, String body) {
        RecordingResponse response = send(server.tokenEndpoint()::service, "POST", basic(clientId), body);
        if (response.status() != 200) {
            throw new AssertionError(response.status() + " " + response.body());
        }
        return parse(response.body());
    }

    interface Service {
        void service(jakarta.servlet.http.HttpServletRequest request, jakarta.servlet.http.HttpServletResponse response)
                throws IOException;
    }

    static RecordingResponse send(Service endpoint, String method, String authorization, String body) {
        try {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            HttpServletRequest request = mock(HttpServletRequest.class);
            when(request.getMethod()).thenReturn(method);
            when(request.getContentType()).thenReturn("application/x-www-form-urlencoded");
            when(request.getContentLengthLong()).thenReturn((long) bytes.length);
            when(request.getInputStream()).thenReturn(ServletStreams.input(bytes));
            when(request.getRemoteAddr()).thenReturn("203.0.113.7");
            when(request.getHeader("Authorization")).thenReturn(authorization);
            RecordingResponse response = new RecordingResponse();
            endpoint.service(request, response.servletResponse());
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** HTTP Basic credentials of {@code clientId} with {@link TestClients#SECRET}, form-encoded first (RFC 6749 §2.3.1). */
    static String basic(String clientId) {
        String pair = URLEncoder.encode(clientId, StandardCharsets.UTF_8) + ":" + TestClients.SECRET;
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }
}
