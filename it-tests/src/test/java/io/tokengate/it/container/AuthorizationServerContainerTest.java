package io.tokengate.it.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jwt.SignedJWT;
import io.tokengate.it.support.CertificateBuilder;
import io.tokengate.it.support.Credential;
import io.tokengate.it.support.HttpAnswer;
import io.tokengate.it.support.Https;
import io.tokengate.it.support.TlsClients;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@link io.tokengate.resource.BearerTokenFilter} in a real container, declared only in
 * {@code web.xml}, against a real Tokengate authorization server ({@link TestAuthorizationServer},
 * Jetty over TLS on port 0) that issues, revokes, introspects and rotates keys. Everything crosses
 * real TLS sockets: the test to the authorization server (tokens, revocation), the test to the
 * container, and the filter to the authorization server (RFC 8414 metadata, JWKS, RFC 7662
 * introspection). Web applications, one context each:
 * <ul>
 * <li>{@code /introspect}: {@code introspection-mode all}, {@code client_secret_basic}, answers
 *     not cached ({@code introspection-cache-ttl 0}), so a revocation is seen at once;</li>
 * <li>{@code /mtls}: the same with {@code tls_client_auth} (the resource server's certificate);</li>
 * <li>{@code /local}: {@code introspection-mode opaque}, JWTs validated with the keys from the
 *     discovered {@code jwks_uri}, refetched on an unknown kid at most once a second;</li>
 * <li>{@code /wrong-secret}: introspection with a secret the server does not know;</li>
 * <li>{@code /doomed}: like {@code /local} but trusting a second authorization server that a test
 *     stops.</li>
 * </ul>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AuthorizationServerContainerTest {
    static final String PASSWORD = "changeit";
    static final String ALIAS = "server";
    private static final String ORDERS = "/api/orders/42";

    @TempDir
    static Path work;

    private TestAuthorizationServer authorizationServer;
    private TestAuthorizationServer doomedServer;
    private ServletContainer container;
    private HttpClient client;
    private long localKeysLoadedAt;

    /** Starts the container under test serving each web application at its context path. */
    abstract ServletContainer start(Map<String, Path> webapps, KeyStore keyStore, Path work) throws Exception;

    @BeforeAll
    void startServers() throws Exception {
        Credential ca = CertificateBuilder.subject("CN=Container Test CA").certificateAuthority().build();
        Credential tlsServer = CertificateBuilder.subject("CN=localhost").serverName("localhost").issuer(ca).build();
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        keyStore.load(null, null);
        keyStore.setKeyEntry(ALIAS, tlsServer.privateKey(), PASSWORD.toCharArray(),
                new Certificate[] {tlsServer.certificate(), ca.certificate()});
        Path caFile = ca.writePem(work, "ca");
        Credential resourceServer = CertificateBuilder.subject("CN=orders-api resource server").build();
        Path rsCertificate = resourceServer.writePem(work, "rs");
        client = TlsClients.httpClient(TlsClients.trusting(caFile));

        authorizationServer = TestAuthorizationServer.start(keyStore, PASSWORD, resourceServer.certificate());
        doomedServer = TestAuthorizationServer.start(keyStore, PASSWORD, resourceServer.certificate());
        String as = authorizationServer.issuer();
        String trust = caFile.toAbsolutePath().toString();
        Map<String, Path> webapps = new LinkedHashMap<>();
        webapps.put("/introspect", BearerWebApp.write(work.resolve("introspect"), as, Map.of(
                "introspection-mode", "all", "introspection-client-secret", TestAuthorizationServer.RS_SECRET,
                "introspection-cache-ttl", "0", "tls-trust-file", trust)));
        webapps.put("/mtls", BearerWebApp.write(work.resolve("mtls"), as, Map.of("introspection-mode", "all",
                "introspection-client-certificate", rsCertificate.toAbsolutePath().toString(),
                "introspection-client-key", work.resolve("rs.key").toAbsolutePath().toString(),
                "introspection-cache-ttl", "0", "tls-trust-file", trust)));
        webapps.put("/local", BearerWebApp.write(work.resolve("local"), as, Map.of("introspection-mode", "opaque",
                "introspection-client-secret", TestAuthorizationServer.RS_SECRET, "jwks-refetch-interval", "1",
                "tls-trust-file", trust)));
        webapps.put("/wrong-secret", BearerWebApp.write(work.resolve("wrong-secret"), as, Map.of(
                "introspection-mode", "all", "introspection-client-secret", "not-the-secret", "tls-trust-file", trust)));
        webapps.put("/doomed", BearerWebApp.write(work.resolve("doomed"), doomedServer.issuer(), Map.of(
                "introspection-mode", "opaque", "introspection-client-secret", TestAuthorizationServer.RS_SECRET,
                "tls-trust-file", trust)));
        container = start(webapps, keyStore, work);

        assertEquals(200, get("/local", token(authorizationServer)).status(), "the first key is loaded");
        localKeysLoadedAt = System.nanoTime();
    }

    @AfterAll
    void stopServers() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {container, authorizationServer, doomedServer}) {
            if (c != null) {
                c.close();
            }
        }
    }

    @Test
    void introspectionModeWhenTokenActiveThenServletSeesTheCallerTheServerDescribed() {
        HttpAnswer answer = get("/introspect", token(authorizationServer));

        assertEquals(200, answer.status(), answer::toString);
        assertEquals(Map.of("principal", TestAuthorizationServer.APP_CLIENT, "authType", "Bearer", "inRole", true,
                "clientId", TestAuthorizationServer.APP_CLIENT), answer.json());
    }

    @Test
    void introspectionModeWhenTokenRevokedThenInvalidTokenWhileAnUnrevokedTokenIsAccepted() {
        String revoked = token(authorizationServer);
        String kept = token(authorizationServer);
        assertEquals(200, get("/introspect", revoked).status(), "accepted before the revocation");

        revoke(authorizationServer, revoked);

        assertNotActive(get("/introspect", revoked));
        assertEquals(200, get("/introspect", kept).status());
    }

    @Test
    void introspectionModeOverMutualTlsWhenTokenRevokedThenInvalidTokenWhileAnUnrevokedTokenIsAccepted() {
        String revoked = token(authorizationServer);
        String kept = token(authorizationServer);

        revoke(authorizationServer, revoked);

        assertNotActive(get("/mtls", revoked));
        HttpAnswer accepted = get("/mtls", kept);
        assertEquals(200, accepted.status(), accepted::toString);
        assertEquals(TestAuthorizationServer.APP_CLIENT, accepted.json().get("principal"));
    }

    @Test
    void introspectionModeWhenRefreshTokenRevokedThenTheAccessTokenMintedWithItIsRefused() {
        Map<String, Object> grant = passwordGrant(authorizationServer);
        String accessToken = (String) grant.get("access_token");
        assertEquals(200, get("/introspect", accessToken).status(), "accepted before the revocation");

        revoke(authorizationServer, (String) grant.get("refresh_token"));

        assertNotActive(get("/introspect", accessToken));
    }

    @Test
    void introspectionModeWhenRefreshTokenSentAsBearerTokenThenInvalidToken() {
        String refreshToken = (String) passwordGrant(authorizationServer).get("refresh_token");

        HttpAnswer answer = get("/introspect", refreshToken);

        assertEquals(401, answer.status(), answer::toString);
        assertTrue(answer.header("WWW-Authenticate").orElseThrow().contains("a refresh token is not an access token"),
                answer::toString);
    }

    @Test
    void introspectionModeWhenOpaqueTokenUnknownThenInvalidToken() {
        assertNotActive(get("/introspect", "2YotnFZFEjr1zCsicMWpAA"));
        assertNotActive(get("/local", "2YotnFZFEjr1zCsicMWpAA"));
    }

    @Test
    void introspectionModeWhenTheServerRefusesTheResourceServersCredentialsThen503WithoutChallenge() {
        assertUnavailable(get("/wrong-secret", token(authorizationServer)));
    }

    @Test
    void localModeWhenSigningKeyRotatedThenNewKidPickedUpWithoutRestartAndOldTokensStillAccepted() throws Exception {
        String signedWithOldKey = token(authorizationServer);
        String newKid = authorizationServer.rotateKey();
        String signedWithNewKey = token(authorizationServer);
        assertEquals(newKid, SignedJWT.parse(signedWithNewKey).getHeader().getKeyID());
        waitForTheRefetchInterval();

        HttpAnswer answer = get("/local", signedWithNewKey);

        assertEquals(200, answer.status(), answer::toString);
        assertEquals(200, get("/local", signedWithOldKey).status());
    }

    @Test
    void whenTheAuthorizationServerIsStoppedThenCachedKeysStillVerifyAndIntrospectionFailsClosedWith503()
            throws Exception {
        String first = token(doomedServer);
        String second = token(doomedServer);
        assertEquals(200, get("/doomed", first).status(), "the keys are loaded while the server runs");

        doomedServer.close();

        HttpAnswer verifiedWithCachedKey = get("/doomed", second);
        assertEquals(200, verifiedWithCachedKey.status(), verifiedWithCachedKey::toString);
        assertUnavailable(get("/doomed", "an-opaque-token-needing-introspection"));
    }

    /** The /local filter refetches at most once a second; its first fetch was in {@link #startServers()}. */
    private void waitForTheRefetchInterval() throws InterruptedException {
        long waited = (System.nanoTime() - localKeysLoadedAt) / 1_000_000;
        if (waited < 1_100) {
            Thread.sleep(1_100 - waited);
        }
    }

    private HttpAnswer get(String context, String token) {
        return Https.request(client, "GET", container.baseUrl() + context + ORDERS, "Authorization", "Bearer " + token);
    }

    /** An access token for the read scope from the server's token endpoint (client_credentials, client_secret_basic). */
    private String token(TestAuthorizationServer server) {
        HttpAnswer answer = Https.postForm(client, server.tokenEndpoint(),
                Https.form("grant_type", "client_credentials", "scope", BearerWebApp.READ_SCOPE),
                "Authorization", Https.basic(TestAuthorizationServer.APP_CLIENT, TestAuthorizationServer.APP_SECRET));
        assertEquals(200, answer.status(), answer::toString);
        return (String) answer.json().get("access_token");
    }

    /** Both tokens of a password grant for the user with {@code offline_access}. */
    private Map<String, Object> passwordGrant(TestAuthorizationServer server) {
        HttpAnswer answer = Https.postForm(client, server.tokenEndpoint(), Https.form("grant_type", "password",
                "username", TestAuthorizationServer.USER, "password", io.tokengate.testing.TestUsers.PASSWORD,
                "scope", BearerWebApp.READ_SCOPE + " offline_access"),
                "Authorization", Https.basic(TestAuthorizationServer.APP_CLIENT, TestAuthorizationServer.APP_SECRET));
        assertEquals(200, answer.status(), answer::toString);
        assertTrue(answer.json().containsKey("refresh_token"), answer::toString);
        return answer.json();
    }

    private void revoke(TestAuthorizationServer server, String token) {
        HttpAnswer answer = Https.postForm(client, server.revocationEndpoint(), Https.form("token", token),
                "Authorization", Https.basic(TestAuthorizationServer.APP_CLIENT, TestAuthorizationServer.APP_SECRET));
        assertEquals(200, answer.status(), answer::toString);
    }

    private static void assertNotActive(HttpAnswer answer) {
        assertEquals(401, answer.status(), answer::toString);
        assertEquals(List.of("Bearer realm=\"" + BearerWebApp.REALM + "\", error=\"invalid_token\", error_description=\"the"
                + " authorization server reports the access token as not active (RFC 7662): it is unknown, expired or"
                + " revoked\""), answer.headers().get("WWW-Authenticate"));
        assertEquals("invalid_token", answer.json().get("error"));
    }

    private static void assertUnavailable(HttpAnswer answer) {
        assertEquals(503, answer.status(), answer::toString);
        assertEquals("temporarily_unavailable", answer.json().get("error"));
        assertTrue(answer.header("Retry-After").isPresent(), answer::toString);
        assertTrue(answer.header("WWW-Authenticate").isEmpty(), answer::toString);
    }
}
