package io.tokengate.it.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.tokengate.demo.DemoIdentities;
import io.tokengate.demo.DemoOptions;
import io.tokengate.demo.DemoPki;
import io.tokengate.demo.DemoSetup;
import io.tokengate.demo.GatewayServer;
import io.tokengate.demo.sidecar.EgressSidecar;
import io.tokengate.agent.SubjectSource;
import io.tokengate.agent.TokenAgent;
import io.tokengate.agent.TokenKey;
import io.tokengate.demo.sidecar.SidecarOptions;
import io.tokengate.it.support.HttpAnswer;
import io.tokengate.it.support.Https;
import io.tokengate.it.support.TlsClients;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Identity propagation from an inbound user to an outbound call, in a real container over TLS: the
 * {@code IdentityPropagationFilter} declared only in {@code web.xml} ({@link PropagationWebApp}),
 * a user signed in by the container's login or by a bearer token, and the application's outbound
 * call to the demo's protected API with a token obtained by the real authorization server for
 * whoever the filter bound, which the API reports back. Each concrete subclass starts one container.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class IdentityPropagationContainerTest {
    static final String PASSWORD = "changeit";
    private static final String USER_PASSWORD = "alice-container-password";

    @TempDir
    static Path work;

    private GatewayServer authorizationServer;
    private ServletContainer container;
    private TokenAgent tokens;
    private HttpClient https;

    /** Starts the container serving {@code webapp} with the {@code server} key entry of {@code keyStore} and {@code users}. */
    abstract ServletContainer start(Path webapp, KeyStore keyStore, Map<String, String> users, Path work) throws Exception;

    @BeforeAll
    void startServers() throws Exception {
        Path data = work.resolve("data");
        authorizationServer = GatewayServer.start(DemoOptions.of(data, 0));
        https = TlsClients.httpClient(TlsClients.trusting(data.resolve(TlsClients.CA_CERT)));
        HttpAnswer keys = Https.get(https, authorizationServer.issuer() + "/oauth2/v1/keys");
        assertEquals(200, keys.status(), keys::toString);
        Path jwks = Files.writeString(work.resolve("as-jwks.json"), keys.body(), StandardCharsets.UTF_8);
        Path webapp = PropagationWebApp.write(work.resolve("webapp"), authorizationServer.issuer(),
                SidecarOptions.APP_B_AUDIENCE, jwks, data, authorizationServer.issuer() + "/api/orders", DemoSetup.READ_SCOPE,
                DemoSetup.API_AUDIENCE);
        container = start(webapp, new DemoPki(data).serverKeyStore(PASSWORD.toCharArray()),
                Map.of(DemoIdentities.USER, USER_PASSWORD), work);
        tokens = EgressSidecar.demoAgent(data, authorizationServer.issuer(), SubjectSource.none());

    }

    @AfterAll
    void stopServers() throws Exception {
        if (container != null) {
            container.close();
        }
        if (authorizationServer != null) {
            authorizationServer.close();
        }
    }

    @Test
    void callWhenSignedInByContainerLoginThenOutboundCallCarriesTokenForThatUser() {
        Map<String, Object> answer = call("/login/call", "Authorization", basicAlice());

        assertEquals(DemoIdentities.USER, answer.get("inbound"));
        assertEquals(DemoIdentities.USER, answer.get("bound"));
        assertOutboundAs(answer, DemoIdentities.USER);
    }

    @Test
    void callWhenSignedInByBearerTokenThenOutboundCallCarriesTokenForTheTokensUser() {
        String inbound = inboundToken(Optional.of("carol"));

        Map<String, Object> answer = call("/bearer/call", "Authorization", "Bearer " + inbound);

        assertEquals("carol", answer.get("inbound"));
        assertEquals("carol", answer.get("bound"));
        assertOutboundAs(answer, "carol");
    }

    @Test
    void callWhenBearerTokenIsTheClientsOwnThenOutboundCallUsesTheApplicationsIdentity() {
        String inbound = inboundToken(Optional.empty());

        Map<String, Object> answer = call("/bearer/call", "Authorization", "Bearer " + inbound);

        assertEquals(DemoIdentities.APP_A_ID, answer.get("inbound"));
        assertNull(answer.get("bound"));
        assertOutboundAs(answer, DemoIdentities.APP_A_ID);
    }

    @Test
    void callWhenAnonymousThenOutboundCallUsesTheApplicationsIdentity() {
        Map<String, Object> answer = call("/public/call");

        assertNull(answer.get("inbound"));
        assertNull(answer.get("bound"));
        assertOutboundAs(answer, DemoIdentities.APP_A_ID);
    }

    @Test
    void callWhenServedAfterAsyncDispatchThenUserBoundAgainOnTheAsyncDispatch() {
        Map<String, Object> answer = call("/login/call?mode=async-dispatch", "Authorization", basicAlice());

        assertEquals(DemoIdentities.USER, answer.get("bound"));
        assertOutboundAs(answer, DemoIdentities.USER);
    }

    @Test
    void callWhenBearerRequestServedAfterAsyncDispatchThenTokensUserBoundAgain() {
        String inbound = inboundToken(Optional.of("dave"));

        Map<String, Object> answer = call("/bearer/call?mode=async-dispatch", "Authorization", "Bearer " + inbound);

        assertEquals("dave", answer.get("bound"));
        assertOutboundAs(answer, "dave");
    }

    @Test
    void callWhenMadeInAsyncStartWithWrappedTaskThenUserCarriedToThatThread() {
        Map<String, Object> answer = call("/login/call?mode=async-start", "Authorization", basicAlice());

        assertEquals(DemoIdentities.USER, answer.get("bound"));
        assertOutboundAs(answer, DemoIdentities.USER);
    }

    @Test
    void callWhenMadeOnTheApplicationsOwnThreadThenOutsideTheRequestAndAsTheApplication() {
        Map<String, Object> answer = call("/login/call?mode=new-thread", "Authorization", basicAlice());

        assertEquals(DemoIdentities.USER, answer.get("inbound"));
        assertNull(answer.get("bound"));
        assertOutboundAs(answer, DemoIdentities.APP_A_ID);
    }

    @Test
    void callWhenWrongPasswordThenContainerRefusesAndNothingGoesOut() {
        HttpAnswer answer = Https.request(https, "GET", container.baseUrl() + "/login/call", "Authorization",
                "Basic " + Base64.getEncoder().encodeToString("alice:wrong".getBytes(StandardCharsets.UTF_8)));

        assertEquals(401, answer.status(), answer::toString);
    }

    /** A token for the middle tier's audience, from the real token endpoint (JWT bearer for a user, else client credentials). */
    private String inboundToken(Optional<String> subject) {
        return tokens.accessToken(new TokenKey(subject, SidecarOptions.APP_B_AUDIENCE, List.of(SidecarOptions.APP_B_SCOPE)))
                .value();
    }

    private Map<String, Object> call(String path, String... headers) {
        HttpAnswer answer = Https.request(https, "GET", container.baseUrl() + path, headers);
        assertEquals(200, answer.status(), answer::toString);
        return answer.json();
    }

    @SuppressWarnings("unchecked")
    private static void assertOutboundAs(Map<String, Object> answer, String subject) {
        assertEquals(200L, ((Number) answer.get("outbound_status")).longValue(), answer::toString);
        Map<String, Object> outbound = (Map<String, Object>) answer.get("outbound");
        assertEquals(subject, outbound.get("subject"), answer::toString);
        assertEquals(DemoIdentities.APP_A_ID, outbound.get("client_id"), answer::toString);
    }

    private static String basicAlice() {
        return "Basic " + Base64.getEncoder().encodeToString((DemoIdentities.USER + ":" + USER_PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
    }
}
