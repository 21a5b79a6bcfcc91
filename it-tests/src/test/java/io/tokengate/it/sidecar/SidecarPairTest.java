package io.tokengate.it.sidecar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokengate.agent.AccessToken;
import io.tokengate.agent.SubjectSource;
import io.tokengate.agent.TokenAgent;
import io.tokengate.agent.TokenKey;
import io.tokengate.demo.DemoIdentities;
import io.tokengate.demo.DemoOptions;
import io.tokengate.demo.DemoSetup;
import io.tokengate.demo.GatewayServer;
import io.tokengate.demo.sidecar.DemoAppA;
import io.tokengate.demo.sidecar.DemoAppB;
import io.tokengate.demo.sidecar.EgressRoute;
import io.tokengate.demo.sidecar.EgressSidecar;
import io.tokengate.demo.sidecar.EgressTokens;
import io.tokengate.demo.sidecar.IngressSidecar;
import io.tokengate.demo.sidecar.SidecarOptions;
import io.tokengate.it.support.Curl;
import io.tokengate.it.support.HttpAnswer;
import io.tokengate.it.support.Https;
import io.tokengate.it.support.TlsClients;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The last step of the product description over real sockets: alice, signed in at application A,
 * reaches application B as herself. A's egress sidecar obtains a token for her by the JWT bearer
 * grant at the real authorization server and attaches it; B's ingress sidecar validates it (keys
 * from the server's metadata and JWKS over TLS) and forwards with the identity headers; B answers
 * with who called. Also: the ingress refuses calls without a valid token, and identity headers
 * sent by a client never reach B.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SidecarPairTest {
    @TempDir
    static Path data;

    private GatewayServer authorizationServer;
    private DemoAppB appB;
    private IngressSidecar ingress;
    private EgressSidecar egress;
    private DemoAppA appA;
    private HttpClient plain;
    private HttpClient tls;

    @BeforeAll
    void startAll() throws Exception {
        authorizationServer = GatewayServer.start(DemoOptions.of(data, 0));
        appB = DemoAppB.start(new SidecarOptions.AppB(0));
        ingress = IngressSidecar.start(new SidecarOptions.Ingress(data, "127.0.0.1", 0, "localhost",
                URI.create(appB.baseUrl()), authorizationServer.issuer(), SidecarOptions.APP_B_AUDIENCE, "app-b",
                "* /*=" + SidecarOptions.APP_B_SCOPE));
        egress = EgressSidecar.start(egressOptions(List.of(
                EgressRoute.parse("/app-b=" + ingress.baseUrl() + ",audience=" + SidecarOptions.APP_B_AUDIENCE + ",scope="
                        + SidecarOptions.APP_B_SCOPE),
                EgressRoute.parse("/orders=" + authorizationServer.issuer() + "/api,audience=" + DemoSetup.API_AUDIENCE
                        + ",scope=" + DemoSetup.WRITE_SCOPE))));
        appA = DemoAppA.start(new SidecarOptions.AppA(data, 0, URI.create(egress.baseUrl() + "/app-b/hello")));
        plain = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        tls = TlsClients.httpClient(TlsClients.trusting(data.resolve("cacert.crt")));
    }

    private SidecarOptions.Egress egressOptions(List<EgressRoute> routes) {
        return SidecarOptions.Egress.demoClient(data, "127.0.0.1", 0, authorizationServer.issuer(), routes);
    }

    @AfterAll
    void stopAll() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {appA, egress, ingress, appB, authorizationServer}) {
            if (c != null) {
                c.close();
            }
        }
    }

    @Test
    void whenUserSignedInAtAThenBAnswersWithThatUserThroughBothSidecars() throws Exception {
        String password = Files.readString(data.resolve(DemoIdentities.USER_PASSWORD_FILE)).trim();

        HttpAnswer answer = Curl.shell(data, "curl -s -i --cacert cacert.crt -u '" + DemoIdentities.USER + ":" + password
                + "' " + appA.baseUrl() + "/hello-b");

        assertEquals(200, answer.status(), answer::toString);
        Map<String, Object> body = answer.json();
        assertEquals(DemoIdentities.USER, body.get("signed_in_at_a"));
        assertEquals(200L, ((Number) body.get("b_status")).longValue(), answer::toString);
        @SuppressWarnings("unchecked")
        Map<String, Object> b = (Map<String, Object>) body.get("b");
        assertEquals("B", b.get("app"));
        assertEquals(DemoIdentities.USER, b.get("subject"));
        assertEquals(DemoIdentities.APP_A_ID, b.get("client_id"));
        assertEquals(List.of(SidecarOptions.APP_B_SCOPE), b.get("scopes"));
        assertEquals("/hello", b.get("path"));
        assertEquals(List.of("tokengate-client-id", "tokengate-scope", "tokengate-subject"), b.get("identity_headers"));
        assertEquals(false, b.get("authorization_header_seen"));
    }

    @Test
    void whenNotSignedInAtAThenAAnswers401AndCallsNobody() {
        HttpAnswer answer = Https.get(tls, appA.baseUrl() + "/hello-b");

        assertEquals(401, answer.status(), answer::toString);
        assertTrue(answer.header("WWW-Authenticate").orElseThrow().startsWith("Basic realm=\"app-a\""), answer::toString);
    }

    @Test
    void whenLocalCallNamesNoUserThenEgressCallsAsTheClientItself() {
        HttpAnswer answer = Https.get(plain, egress.baseUrl() + "/app-b/reports?year=2026");

        assertEquals(200, answer.status(), answer::toString);
        assertEquals(DemoIdentities.APP_A_ID, answer.json().get("subject"));
        assertEquals(DemoIdentities.APP_A_ID, answer.json().get("client_id"));
        assertEquals("/reports", answer.json().get("path"));
    }

    @Test
    void whenLocalCallNamesUserThenEgressObtainsTokenForThatUser() {
        HttpAnswer answer = Https.request(plain, "GET", egress.baseUrl() + "/app-b/x", "Tokengate-Subject", "carol%20smith");

        assertEquals(200, answer.status(), answer::toString);
        assertEquals("carol smith", answer.json().get("subject"));
    }

    @Test
    void whenEgressUsesTheSamlBearerGrantWithPrivateKeyJwtThenBAnswersWithTheSameUser() throws Exception {
        SidecarOptions.Egress options = (SidecarOptions.Egress) SidecarOptions.parse("egress", new String[] {
            "--data", data.toString(), "--port", "0", "--issuer", authorizationServer.issuer(),
            "--route", "/app-b=" + ingress.baseUrl() + ",audience=" + SidecarOptions.APP_B_AUDIENCE + ",scope="
                    + SidecarOptions.APP_B_SCOPE,
            "--user-grant", "saml2-bearer", "--client-auth", "private_key_jwt"});
        try (EgressSidecar saml = EgressSidecar.start(options)) {
            HttpAnswer answer = Https.request(plain, "GET", saml.baseUrl() + "/app-b/x", "Tokengate-Subject", "alice");

            assertEquals(200, answer.status(), answer::toString);
            assertEquals("alice", answer.json().get("subject"));
            assertEquals(DemoIdentities.APP_A_ID, answer.json().get("client_id"));
        }
    }

    @Test
    void whenNoTokenAtIngressThen401BareChallengeAndBNotReached() {
        HttpAnswer answer = Https.request(tls, "GET", ingress.baseUrl() + "/hello", "Tokengate-Subject", "alice");

        assertEquals(401, answer.status(), answer::toString);
        assertEquals("Bearer realm=\"app-b\"", answer.header("WWW-Authenticate").orElseThrow());
        assertTrue(!answer.body().contains("\"app\":\"B\""), answer::toString);
    }

    @Test
    void whenForgedTokenAtIngressThen401InvalidToken() {
        HttpAnswer answer = Https.request(tls, "GET", ingress.baseUrl() + "/hello",
                "Authorization", "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJhbGljZSJ9.");

        assertEquals(401, answer.status(), answer::toString);
        assertTrue(answer.header("WWW-Authenticate").orElseThrow().startsWith("Bearer realm=\"app-b\", error=\"invalid_token\""),
                answer::toString);
    }

    @Test
    void whenTokenForAnotherAudienceAtIngressThen401InvalidToken() {
        String ordersToken = clientCredentialsToken(DemoSetup.SECRET_CLIENT_ID, DemoSetup.SECRET_FILE, DemoSetup.READ_SCOPE);

        HttpAnswer answer = Https.request(tls, "GET", ingress.baseUrl() + "/hello", "Authorization", "Bearer " + ordersToken);

        assertEquals(401, answer.status(), answer::toString);
        assertTrue(answer.header("WWW-Authenticate").orElseThrow().contains("error=\"invalid_token\""), answer::toString);
    }

    @Test
    void whenClientSendsIdentityAndCertificateHeadersToIngressThenBSeesOnlyTheSidecarsOwn() {
        String token = clientCredentialsToken(DemoIdentities.APP_A_ID, DemoIdentities.APP_A_SECRET_FILE,
                SidecarOptions.APP_B_SCOPE);

        HttpAnswer answer = Https.request(tls, "GET", ingress.baseUrl() + "/hello", "Authorization", "Bearer " + token,
                "Tokengate-Subject", "mallory", "tokengate-client-id", "evil-app", "TOKENGATE-SCOPE", "admin",
                "Tokengate-Role", "root", "Client-Cert", ":MIIBkzCCATmgAwIBAgIU:");

        assertEquals(200, answer.status(), answer::toString);
        Map<String, Object> b = answer.json();
        assertEquals(DemoIdentities.APP_A_ID, b.get("subject"));
        assertEquals(DemoIdentities.APP_A_ID, b.get("client_id"));
        assertEquals(List.of(SidecarOptions.APP_B_SCOPE), b.get("scopes"));
        assertEquals(List.of("tokengate-client-id", "tokengate-scope", "tokengate-subject"), b.get("identity_headers"));
        assertEquals(false, b.get("authorization_header_seen"));
        assertEquals(false, b.get("client_cert_header_seen"));
    }

    @Test
    void whenApplicationSendsExtraIdentityHeadersToEgressThenTheyNeverLeave() {
        HttpAnswer answer = Https.request(plain, "GET", egress.baseUrl() + "/app-b/x", "Tokengate-Subject", "alice",
                "Tokengate-Client-Id", "evil-app", "Authorization", "Bearer not-a-token");

        assertEquals(200, answer.status(), answer::toString);
        assertEquals("alice", answer.json().get("subject"));
        assertEquals(DemoIdentities.APP_A_ID, answer.json().get("client_id"));
        assertEquals(List.of("tokengate-client-id", "tokengate-scope", "tokengate-subject"),
                answer.json().get("identity_headers"));
    }

    @Test
    void whenBCalledDirectlyWithoutIngressThenNoIdentity401() {
        HttpAnswer answer = Https.get(plain, appB.baseUrl() + "/hello");

        assertEquals(401, answer.status(), answer::toString);
        assertEquals("no_identity", answer.json().get("error"));
    }

    @Test
    void whenNoRouteMatchesThenEgress404AndNothingForwarded() {
        HttpAnswer answer = Https.get(plain, egress.baseUrl() + "/app-bx/hello");

        assertEquals(404, answer.status(), answer::toString);
        assertEquals("no_route", answer.json().get("error"));
    }

    @Test
    void whenTokenEndpointRefusesThenEgress502WithItsErrorCode() {
        HttpAnswer answer = Https.get(plain, egress.baseUrl() + "/orders/orders");

        assertEquals(502, answer.status(), answer::toString);
        assertEquals("invalid_scope", answer.json().get("error"));
        assertTrue(String.valueOf(answer.json().get("error_description")).contains("route /orders"), answer::toString);
    }

    @Test
    void whenSubjectHeaderNotPercentEncodingThenEgress400() {
        HttpAnswer answer = Https.request(plain, "GET", egress.baseUrl() + "/app-b/x", "Tokengate-Subject", "al%zzice");

        assertEquals(400, answer.status(), answer::toString);
        assertEquals("invalid_request", answer.json().get("error"));
    }

    @Test
    void whenUpstreamRefusesTheTokenAsInvalidThenEgressPassesThe401OnForgetsItAndTheNextCallWorks() throws Exception {
        TokenAgent agent = EgressSidecar.demoAgent(data, authorizationServer.issuer(), SubjectSource.none());
        AtomicBoolean forgedOnce = new AtomicBoolean();
        List<TokenKey> invalidated = new CopyOnWriteArrayList<>();
        EgressTokens firstOneForged = new EgressTokens() {
            @Override
            public AccessToken accessToken(TokenKey key) {
                AccessToken real = agent.accessToken(key);
                return forgedOnce.compareAndSet(false, true) ? new AccessToken(
                        "eyJhbGciOiJFUzI1NiIsImtpZCI6Im5vLXN1Y2gta2V5In0.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl", "Bearer",
                        real.expiresAt(), real.scopes(), Optional.empty()) : real;
            }

            @Override
            public void invalidate(TokenKey key, AccessToken rejected) {
                invalidated.add(key);
                agent.invalidate(key, rejected);
            }
        };
        try (EgressSidecar second = EgressSidecar.start(egressOptions(List.of(EgressRoute.parse("/app-b="
                + ingress.baseUrl() + ",audience=" + SidecarOptions.APP_B_AUDIENCE + ",scope=" + SidecarOptions.APP_B_SCOPE))),
                firstOneForged, agent.sslContext())) {
            HttpAnswer refused = Https.request(plain, "GET", second.baseUrl() + "/app-b/x", "Tokengate-Subject", "alice");
            HttpAnswer next = Https.request(plain, "GET", second.baseUrl() + "/app-b/x", "Tokengate-Subject", "alice");

            assertEquals(401, refused.status(), refused::toString);
            assertTrue(refused.header("WWW-Authenticate").orElseThrow().contains("error=\"invalid_token\""), refused::toString);
            assertEquals(List.of(new TokenKey(Optional.of("alice"), SidecarOptions.APP_B_AUDIENCE,
                    List.of(SidecarOptions.APP_B_SCOPE))), invalidated);
            assertEquals(200, next.status(), next::toString);
            assertEquals("alice", next.json().get("subject"));
        }
    }

    private String clientCredentialsToken(String clientId, String secretFile, String scope) {
        try {
            String secret = Files.readString(data.resolve(secretFile)).trim();
            HttpAnswer answer = Https.postForm(tls, authorizationServer.issuer() + "/oauth2/v1/token",
                    Https.form("grant_type", "client_credentials", "scope", scope), "Authorization",
                    Https.basic(clientId, secret));
            assertEquals(200, answer.status(), answer::toString);
            return (String) answer.json().get("access_token");
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
