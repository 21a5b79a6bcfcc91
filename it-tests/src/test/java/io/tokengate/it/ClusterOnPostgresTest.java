package io.tokengate.it;

import static io.tokengate.it.support.AccessTokens.assertTokenResponse;
import static io.tokengate.it.support.AccessTokens.assertTokenResponseWithRefreshToken;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jwt.SignedJWT;
import io.tokengate.demo.DemoIdentities;
import io.tokengate.demo.DemoPki;
import io.tokengate.demo.DemoSetup;
import io.tokengate.demo.GatewayServer;
import io.tokengate.demo.MintAssertion;
import io.tokengate.it.support.Gateways;
import io.tokengate.it.support.HttpAnswer;
import io.tokengate.it.support.Https;
import io.tokengate.it.support.TlsClients;
import io.tokengate.registry.ClientStore;
import io.tokengate.registry.SecretHash;
import io.tokengate.store.jdbc.JdbcSigningKeys;
import io.tokengate.testing.TestDatabase;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two gateway nodes, each a Jetty over TLS with its own connection pool, on one real PostgreSQL
 * (a schema with a random name, dropped afterwards) and one issuer: they behave as one
 * authorization server.
 */
class ClusterOnPostgresTest {
    @TempDir
    static Path data;

    private static TestDatabase database;
    private static GatewayServer nodeA;
    private static GatewayServer nodeB;
    private static HttpClient client;
    private static String basic;

    @BeforeAll
    static void startTwoNodes() throws Exception {
        database = TestDatabase.postgres();
        nodeA = Gateways.node(data, database.config());
        nodeB = Gateways.node(data, database.config());
        client = TlsClients.httpClient(TlsClients.trusting(data.resolve(TlsClients.CA_CERT)));
        basic = Https.basic(DemoIdentities.WEB_APP_ID,
                Files.readString(data.resolve(DemoIdentities.WEB_APP_SECRET_FILE), StandardCharsets.UTF_8).trim());
    }

    @AfterAll
    static void stopNodes() throws Exception {
        try {
            if (nodeA != null) {
                nodeA.close();
            }
            if (nodeB != null) {
                nodeB.close();
            }
        } finally {
            database.close();
        }
    }

    @Test
    void accessTokenWhenIssuedAtNodeAThenAcceptedByTheApiAtNodeB() {
        String token = secretClientToken(nodeA);

        HttpAnswer api = Https.request(client, "GET", Gateways.url(nodeB) + "/api/orders", "Authorization", "Bearer " + token);

        assertEquals(200, api.status(), api::toString);
    }

    @Test
    void refreshTokenWhenRotatedAtNodeAThenRefusedAtNodeBAndTheFamilyRevoked() {
        String first = (String) assertTokenResponseWithRefreshToken(passwordOffline(nodeA),
                DemoSetup.READ_SCOPE + " offline_access").get("refresh_token");
        String second = (String) assertTokenResponseWithRefreshToken(refresh(nodeA, first),
                DemoSetup.READ_SCOPE + " offline_access").get("refresh_token");

        HttpAnswer reuse = refresh(nodeB, first);
        HttpAnswer successorAfterReuse = refresh(nodeB, second);

        assertEquals(400, reuse.status(), reuse::toString);
        assertEquals("invalid_grant", reuse.json().get("error"));
        assertEquals(400, successorAfterReuse.status(), "reuse revoked the whole family on every node");
    }

    @Test
    void refreshTokenWhenIssuedAtNodeAThenRotatesAtNodeB() {
        String first = (String) assertTokenResponseWithRefreshToken(passwordOffline(nodeA),
                DemoSetup.READ_SCOPE + " offline_access").get("refresh_token");

        assertTokenResponseWithRefreshToken(refresh(nodeB, first), DemoSetup.READ_SCOPE + " offline_access");
    }

    @Test
    void assertionWhenAcceptedAtNodeAThenRefusedAsReplayAtNodeB() throws Exception {
        String assertion = MintAssertion.mint("jwt", Gateways.FLEET_ISSUER, DemoIdentities.USER, new DemoPki(data));
        String form = Https.form("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer", "assertion", assertion,
                "scope", DemoSetup.READ_SCOPE);

        HttpAnswer atA = Https.postForm(client, Gateways.url(nodeA) + "/oauth2/v1/token", form, "Authorization", basic);
        HttpAnswer atB = Https.postForm(client, Gateways.url(nodeB) + "/oauth2/v1/token", form, "Authorization", basic);

        assertTokenResponse(atA, DemoSetup.READ_SCOPE);
        assertEquals(400, atB.status(), atB::toString);
        assertEquals("invalid_grant", atB.json().get("error"));
        assertTrue(String.valueOf(atB.json().get("error_description")).contains("replay")
                || String.valueOf(atB.json().get("error_description")).contains("already"), atB::toString);
    }

    @Test
    void signingKeyWhenRotatedAtNodeAThenNodeBValidatesTokensSignedWithIt() throws Exception {
        String oldKid = kid(secretClientToken(nodeA));
        String newKid = ((JdbcSigningKeys) nodeA.authorizationServer().keys()).rotate();
        assertNotEquals(oldKid, newKid);

        // the new key becomes current one cache TTL (5 s) after the rotation, on every node
        String token = secretClientToken(nodeA);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (!kid(token).equals(newKid) && Instant.now().isBefore(deadline)) {
            Thread.sleep(250);
            token = secretClientToken(nodeA);
        }
        assertEquals(newKid, kid(token), "node A signs with the rotated key");
        assertEquals(newKid, kid(secretClientToken(nodeB)), "node B signs with the same current key");

        HttpAnswer api = Https.request(client, "GET", Gateways.url(nodeB) + "/api/orders", "Authorization", "Bearer " + token);
        HttpAnswer jwks = Https.get(client, Gateways.url(nodeB) + "/oauth2/v1/keys");
        assertEquals(200, api.status(), api::toString);
        assertTrue(jwks.body().contains(oldKid) && jwks.body().contains(newKid),
                "node B publishes the previous key until its tokens expire: " + jwks.body());
    }

    @Test
    void clientWhenCreatedAtNodeAThroughTheClientStoreThenAuthenticatesAtNodeB() {
        String secret = "a-new-client-secret-of-enough-entropy-42";
        ClientStore clientsAtA = (ClientStore) nodeA.authorizationServer().clients();
        assertTrue(clientsAtA.create(io.tokengate.registry.Client.builder("registered-at-a")
                .grantType("client_credentials")
                .authMethod(io.tokengate.registry.ClientAuthMethod.CLIENT_SECRET_BASIC)
                .secretHash(SecretHash.sha256Of(secret))
                .role("OrdersReader").build()));

        HttpAnswer answer = Https.postForm(client, Gateways.url(nodeB) + "/oauth2/v1/token",
                "grant_type=client_credentials", "Authorization", Https.basic("registered-at-a", secret));

        assertTokenResponse(answer, DemoSetup.READ_SCOPE);
    }

    private static String secretClientToken(GatewayServer node) {
        String secret;
        try {
            secret = Files.readString(data.resolve(DemoSetup.SECRET_FILE), StandardCharsets.UTF_8).trim();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        HttpAnswer answer = Https.postForm(client, Gateways.url(node) + "/oauth2/v1/token",
                "grant_type=client_credentials&scope=" + DemoSetup.READ_SCOPE, "Authorization",
                Https.basic(DemoSetup.SECRET_CLIENT_ID, secret));
        return (String) assertTokenResponse(answer, DemoSetup.READ_SCOPE).get("access_token");
    }

    private static HttpAnswer passwordOffline(GatewayServer node) {
        String password;
        try {
            password = Files.readString(data.resolve(DemoIdentities.USER_PASSWORD_FILE), StandardCharsets.UTF_8).trim();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return Https.postForm(client, Gateways.url(node) + "/oauth2/v1/token", Https.form("grant_type", "password",
                "username", DemoIdentities.USER, "password", password, "scope", DemoSetup.READ_SCOPE + " offline_access"),
                "Authorization", basic);
    }

    private static HttpAnswer refresh(GatewayServer node, String refreshToken) {
        return Https.postForm(client, Gateways.url(node) + "/oauth2/v1/token",
                Https.form("grant_type", "refresh_token", "refresh_token", refreshToken), "Authorization", basic);
    }

    private static String kid(String jwt) {
        try {
            return SignedJWT.parse(jwt).getHeader().getKeyID();
        } catch (java.text.ParseException e) {
            throw new AssertionError("not a JWT", e);
        }
    }
}
