package io.tokengate.endpoint;

import static io.tokengate.endpoint.EndpointFixture.basic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokengate.testing.RecordingResponse;
import org.junit.jupiter.api.Test;

/** The RFC 7009 revocation endpoint as {@link AuthorizationServer} wires it. */
class RevocationEndpointTest {
    private final EndpointFixture f = new EndpointFixture();

    @Test
    void serviceWhenOwnRefreshTokenRevokedThen200AndRefreshGrantRefusesIt() {
        String refreshToken = f.refreshToken("app");

        RecordingResponse response = f.revoke(basic("app"), "token=" + refreshToken + "&token_type_hint=refresh_token");

        assertEquals(200, response.status(), response.body());
        assertEquals("", response.body());
        assertEquals("no-store", response.header("Cache-Control"));
        RecordingResponse refreshed = f.refresh("app", refreshToken);
        assertEquals(400, refreshed.status());
        assertEquals("invalid_grant", f.parse(refreshed.body()).path("error").asText());
    }

    @Test
    void serviceWhenRotatedRefreshTokenRevokedThenWholeFamilyRevoked() {
        String first = f.refreshToken("app");
        String second = f.parse(f.refresh("app", first).body()).path("refresh_token").asText();

        f.revoke(basic("app"), "token=" + first);

        assertEquals(400, f.refresh("app", second).status());
        assertFalse(f.introspection("app", second).path("active").asBoolean());
    }

    @Test
    void serviceWhenOwnAccessTokenRevokedThenIntrospectionSaysInactive() {
        String accessToken = f.accessToken("app");
        assertTrue(f.introspection("app", accessToken).path("active").asBoolean());

        RecordingResponse response = f.revoke(basic("app"), "token=" + accessToken + "&token_type_hint=access_token");

        assertEquals(200, response.status(), response.body());
        assertEquals("{\"active\":false}", f.introspect(basic("app"), "token=" + accessToken).body());
    }

    @Test
    void serviceWhenHintNamesOtherTypeThenTokenStillRevoked() {
        String accessToken = f.accessToken("app");

        f.revoke(basic("app"), "token=" + accessToken + "&token_type_hint=refresh_token");

        assertFalse(f.introspection("app", accessToken).path("active").asBoolean());
    }

    @Test
    void serviceWhenOtherClientsTokensRevokedThen200AndNothingChanges() {
        String refreshToken = f.refreshToken("app");
        String accessToken = f.accessToken("app");

        RecordingResponse refreshRevoked = f.revoke(basic("other"), "token=" + refreshToken);
        RecordingResponse accessRevoked = f.revoke(basic("other"), "token=" + accessToken);

        assertEquals(200, refreshRevoked.status());
        assertEquals(200, accessRevoked.status());
        assertTrue(f.introspection("app", accessToken).path("active").asBoolean());
        assertEquals(200, f.refresh("app", refreshToken).status());
    }

    @Test
    void serviceWhenUnknownTokenThen200WithEmptyBody() {
        RecordingResponse response = f.revoke(basic("app"), "token=not-a-token-of-this-server");

        assertEquals(200, response.status());
        assertEquals("", response.body());
    }

    @Test
    void serviceWhenNoClientAuthenticationThen401InvalidClientWithChallenge() {
        String accessToken = f.accessToken("app");

        RecordingResponse response = f.revoke(null, "token=" + accessToken);

        assertEquals(401, response.status());
        assertEquals("invalid_client", f.parse(response.body()).path("error").asText());
        assertTrue(response.header("WWW-Authenticate").startsWith("Basic realm="));
        assertTrue(f.introspection("app", accessToken).path("active").asBoolean());
    }

    @Test
    void serviceWhenWrongSecretThen401InvalidClient() {
        RecordingResponse response = f.revoke("Basic " + java.util.Base64.getEncoder()
                .encodeToString("app:wrong".getBytes(java.nio.charset.StandardCharsets.UTF_8)), "token=x");

        assertEquals(401, response.status());
        assertEquals("invalid_client", f.parse(response.body()).path("error").asText());
    }

    @Test
    void serviceWhenGetThen405AllowingPost() {
        RecordingResponse response = EndpointFixture.send(f.server.revocationEndpoint()::service, "GET", basic("app"), "");

        assertEquals(405, response.status());
        assertEquals("POST", response.header("Allow"));
    }

    @Test
    void serviceWhenTokenMissingThen400InvalidRequest() {
        RecordingResponse response = f.revoke(basic("app"), "token_type_hint=access_token");

        assertEquals(400, response.status());
        assertEquals("invalid_request", f.parse(response.body()).path("error").asText());
    }

    @Test
    void serviceWhenExpiredAccessTokenRevokedThen200AndDenylistUntouched() {
        String accessToken = f.accessToken("app");
        f.clock.advance(java.time.Duration.ofHours(2));

        RecordingResponse response = f.revoke(basic("app"), "token=" + accessToken);

        assertEquals(200, response.status());
        assertEquals(0, ((io.tokengate.revocation.InMemoryAccessTokenDenylist) f.server.denylist()).size());
    }

    @Test
    void serviceWhenRefreshTokenRevokedThenAccessTokensMintedFromItsFamilyIntrospectInactive() {
        com.fasterxml.jackson.databind.JsonNode grant = f.offlineGrant("app");
        String firstAccess = grant.path("access_token").asText();
        String refreshToken = grant.path("refresh_token").asText();
        String refreshedAccess = f.parse(f.refresh("app", refreshToken).body()).path("access_token").asText();
        String unrelatedAccess = f.accessToken("app");
        assertTrue(f.introspection("app", refreshedAccess).path("active").asBoolean());

        f.revoke(basic("app"), "token=" + refreshToken);

        assertFalse(f.introspection("app", firstAccess).path("active").asBoolean());
        assertFalse(f.introspection("app", refreshedAccess).path("active").asBoolean());
        assertTrue(f.introspection("app", unrelatedAccess).path("active").asBoolean());
    }

    @Test
    void serviceWhenFamilyRevokedThenItsAccessTokensAreDeniedOnlyUntilTheyWouldHaveExpired() {
        com.fasterxml.jackson.databind.JsonNode grant = f.offlineGrant("app");

        f.revoke(basic("app"), "token=" + grant.path("refresh_token").asText());

        String family = io.tokengate.revocation.RevokedAccessTokens.FAMILY_PREFIX + familyOf(grant.path("access_token").asText());
        assertTrue(f.server.denylist().isDenied(family));
        f.clock.advance(f.server.config().accessTokenLifetime().plusSeconds(1));
        assertFalse(f.server.denylist().isDenied(family));
    }

    private static String familyOf(String accessToken) {
        try {
            return com.nimbusds.jwt.SignedJWT.parse(accessToken).getJWTClaimsSet()
                    .getStringClaim(io.tokengate.token.AccessTokenClaims.FAMILY_CLAIM);
        } catch (java.text.ParseException e) {
            throw new AssertionError(e);
        }
    }
}
