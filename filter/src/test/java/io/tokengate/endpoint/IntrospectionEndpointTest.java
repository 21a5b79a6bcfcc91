package io.tokengate.endpoint;

import static io.tokengate.endpoint.EndpointFixture.basic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tokengate.testing.RecordingResponse;
import io.tokengate.testing.TestClients;
import io.tokengate.testing.TestSigningKeys;
import io.tokengate.token.AccessTokenClaims;
import io.tokengate.token.AccessTokenIssuer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The RFC 7662 introspection endpoint as {@link AuthorizationServer} wires it. */
class IntrospectionEndpointTest {
    private static final String INACTIVE = "{\"active\":false}";

    private final EndpointFixture f = new EndpointFixture();

    @Test
    void serviceWhenActiveAccessTokenOfCallerThenAllMembers() {
        String accessToken = f.accessToken("app");

        RecordingResponse response = f.introspect(basic("app"), "token=" + accessToken + "&token_type_hint=access_token");

        assertEquals(200, response.status(), response.body());
        assertEquals("no-store", response.header("Cache-Control"));
        assertTrue(response.contentType().startsWith("application/json"));
        JsonNode body = f.parse(response.body());
        assertTrue(body.path("active").asBoolean());
        assertEquals(TestClients.ORDERS_READ, body.path("scope").asText());
        assertEquals("app", body.path("client_id").asText());
        assertEquals("app", body.path("sub").asText());
        assertEquals(TestClients.AUDIENCE, body.path("aud").asText());
        assertEquals(EndpointFixture.ISSUER, body.path("iss").asText());
        long now = f.clock.instant().getEpochSecond();
        assertEquals(now, body.path("iat").asLong());
        assertEquals(now + 3600, body.path("exp").asLong());
        assertEquals(TestSigningKeys.verified(accessToken, f.keys).getPayload().toJSONObject().get("jti"),
                body.path("jti").asText());
        assertEquals("Bearer", body.path("token_type").asText());
        assertFalse(body.has("cnf"));
    }

    @Test
    void serviceWhenCertificateBoundAccessTokenThenCnfThumbprint() {
        String bound = new AccessTokenIssuer(EndpointFixture.ISSUER, Duration.ofMinutes(5), f.keys, f.clock,
                new SecureRandom()).issue(new AccessTokenClaims("app", "app", List.of(TestClients.ORDERS_READ),
                        List.of(TestClients.AUDIENCE), Optional.of("x5t-thumbprint"))).value();

        JsonNode body = f.introspection("app", bound);

        assertTrue(body.path("active").asBoolean());
        assertEquals("x5t-thumbprint", body.path("cnf").path("x5t#S256").asText());
    }

    @Test
    void serviceWhenResourceServerIsInAudienceThenActive() {
        String accessToken = f.accessToken("app");

        RecordingResponse response = f.introspect(null, "client_id=" + URLEncoder.encode(TestClients.AUDIENCE,
                StandardCharsets.UTF_8) + "&client_secret=" + TestClients.SECRET + "&token=" + accessToken);

        assertEquals(200, response.status(), response.body());
        assertTrue(f.parse(response.body()).path("active").asBoolean());
    }

    @Test
    void serviceWhenAccessTokenExpiredThenInactive() {
        String accessToken = f.accessToken("app");
        f.clock.advance(Duration.ofHours(1));

        assertEquals(INACTIVE, f.introspect(basic("app"), "token=" + accessToken).body());
    }

    @Test
    void serviceWhenSignatureBadThenInactive() {
        String[] one = f.accessToken("app").split("\\.");
        String[] two = f.accessToken("app").split("\\.");

        RecordingResponse response = f.introspect(basic("app"), "token=" + one[0] + "." + one[1] + "." + two[2]);

        assertEquals(200, response.status());
        assertEquals(INACTIVE, response.body());
    }

    @Test
    void serviceWhenSignedByAnotherServerKeyThenInactive() {
        String foreign = new AccessTokenIssuer(EndpointFixture.ISSUER, Duration.ofMinutes(5), TestSigningKeys.es256(),
                f.clock, new SecureRandom()).issue(new AccessTokenClaims("app", "app", List.of(), List.of(),
                        Optional.empty())).value();

        assertEquals(INACTIVE, f.introspect(basic("app"), "token=" + foreign).body());
    }

    @Test
    void serviceWhenAccessTokenOfAnotherClientThenInactive() {
        String accessToken = f.accessToken("app");

        assertEquals(INACTIVE, f.introspect(basic("other"), "token=" + accessToken).body());
    }

    @Test
    void serviceWhenRefreshTokenActiveThenSubjectClientScopeAndExp() {
        String refreshToken = f.refreshToken("app");

        JsonNode body = f.introspection("app", refreshToken);

        assertTrue(body.path("active").asBoolean(), body.toString());
        assertEquals("alice", body.path("sub").asText());
        assertEquals("app", body.path("client_id").asText());
        assertEquals(TestClients.ORDERS_READ, body.path("scope").asText());
        assertEquals(f.clock.instant().plus(Duration.ofDays(30)).getEpochSecond(), body.path("exp").asLong());
        assertEquals(EndpointFixture.ISSUER, body.path("iss").asText());
        assertFalse(body.has("token_type"));
    }

    @Test
    void serviceWhenRefreshTokenRotatedThenOldInactiveAndSuccessorActive() {
        String first = f.refreshToken("app");
        String second = f.parse(f.refresh("app", first).body()).path("refresh_token").asText();

        assertEquals(INACTIVE, f.introspect(basic("app"), "token=" + first).body());
        assertTrue(f.introspection("app", second).path("active").asBoolean());
    }

    @Test
    void serviceWhenRefreshTokenOfAnotherClientThenInactive() {
        String refreshToken = f.refreshToken("app");

        assertEquals(INACTIVE, f.introspect(basic("other"), "token=" + refreshToken).body());
    }

    @Test
    void serviceWhenRefreshTokenExpiredThenInactive() {
        String refreshToken = f.refreshToken("app");
        f.clock.advance(Duration.ofDays(30));

        assertEquals(INACTIVE, f.introspect(basic("app"), "token=" + refreshToken).body());
    }

    @Test
    void serviceWhenUnknownTokenThenInactive() {
        assertEquals(INACTIVE, f.introspect(basic("app"), "token=unknown").body());
    }

    @Test
    void serviceWhenNoClientAuthenticationThen401InvalidClientWithChallenge() {
        RecordingResponse response = f.introspect(null, "client_id=app&token=" + f.accessToken("app"));

        assertEquals(401, response.status());
        assertEquals("invalid_client", f.parse(response.body()).path("error").asText());
        assertTrue(response.header("WWW-Authenticate").startsWith("Basic realm="));
    }

    @Test
    void serviceWhenPublicClientThen401InvalidClient() {
        RecordingResponse response = f.introspect(null, "client_id=mobile-app&token=x");

        assertEquals(401, response.status());
        assertEquals("invalid_client", f.parse(response.body()).path("error").asText());
    }

    @Test
    void serviceWhenGetThen405AllowingPost() {
        RecordingResponse response = EndpointFixture.send(f.server.introspectionEndpoint()::service, "GET",
                basic("app"), "");

        assertEquals(405, response.status());
        assertEquals("POST", response.header("Allow"));
    }

    @Test
    void serviceWhenTokenMissingThen400InvalidRequest() {
        RecordingResponse response = f.introspect(basic("app"), "token_type_hint=access_token");

        assertEquals(400, response.status());
        assertEquals("invalid_request", f.parse(response.body()).path("error").asText());
    }
}
