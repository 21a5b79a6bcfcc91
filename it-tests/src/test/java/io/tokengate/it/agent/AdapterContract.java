package io.tokengate.it.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokengate.agent.ClientAuth;
import io.tokengate.agent.OutboundAuthorization;
import io.tokengate.agent.TokenAgent;
import io.tokengate.demo.DemoIdentities;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every HTTP client adapter must do, over real TLS against the real token endpoint and
 * resource: attach the route's token (certificate-bound: the agent authenticates by mutual TLS, so
 * the call only succeeds on a connection presenting the agent's certificate), attach nothing to
 * other URLs, and on {@code 401 invalid_token} retry exactly once with a new token — never loop.
 * Each adapter's test class says how to make a call with it.
 */
abstract class AdapterContract {
    @TempDir
    static Path data;

    static AgentTestServer server;
    static OutboundAuthorization outbound;

    /** Status and body of a GET to {@code uri} through the adapter. */
    record Answer(int status, String body) {
    }

    abstract Answer get(URI uri) throws Exception;

    @BeforeAll
    static void startServer() throws Exception {
        server = AgentTestServer.start(data);
        TokenAgent agent = TokenAgent.create(Agents.agent(server).clientAuth(ClientAuth.TLS_CLIENT_AUTH)
                .keyMaterial(Agents.agentKey(server)).build(), () -> Optional.of(DemoIdentities.USER));
        outbound = agent.outbound(Agents.ordersRoute(server, Agents.READ));
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    @BeforeEach
    void reset() {
        server.reset();
    }

    @Test
    void callWhenUrlIsRoutedThenBoundUserTokenAttachedAndResourceAnswers() throws Exception {
        Answer answer = get(URI.create(server.apiUrl()));

        assertEquals(200, answer.status(), answer.body());
        assertTrue(answer.body().contains("\"principal\":\"" + DemoIdentities.USER + "\""), answer.body());
        assertTrue(server.resource.authorizations().get(0).startsWith("Bearer "));
    }

    @Test
    void callWhenUrlIsNotRoutedThenNoTokenAttached() throws Exception {
        Answer answer = get(URI.create(server.issuer() + "/api/invoices"));

        assertEquals(401, answer.status(), "the resource asks for a token");
        assertEquals(List.of(""), server.resource.authorizations(), "no token left for an unrouted URL");
    }

    @Test
    void callWhenResourceRefusesTokenOnceThenOneRetryWithNewToken() throws Exception {
        get(URI.create(server.apiUrl())); // a cached token
        server.reset();
        server.resource.refuseNext(1);

        Answer answer = get(URI.create(server.apiUrl()));

        assertEquals(200, answer.status(), answer.body());
        List<String> sent = server.resource.authorizations();
        assertEquals(2, sent.size(), "the call and one retry");
        assertNotEquals(sent.get(0), sent.get(1), "the retry carries a new token");
        assertEquals(1, server.tokenEndpoint.requests(), "one token request for the successor");
    }

    @Test
    void callWhenResourceAlwaysRefusesTokenThenGivesUpAfterOneRetry() throws Exception {
        server.resource.refuseAll(true);

        Answer answer = get(URI.create(server.apiUrl()));

        assertEquals(401, answer.status());
        assertEquals(2, server.resource.authorizations().size(), "the call and one retry, no loop");
    }
}
