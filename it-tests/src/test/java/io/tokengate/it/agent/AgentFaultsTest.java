package io.tokengate.it.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokengate.agent.AccessToken;
import io.tokengate.agent.ClientAuth;
import io.tokengate.agent.TokenAgent;
import io.tokengate.agent.TokenAgentConfig;
import io.tokengate.agent.TokenRequestException;
import io.tokengate.demo.DemoIdentities;
import io.tokengate.demo.DemoSetup;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Token endpoint faults, against the real endpoint: answering 500, down (connection refused) and
 * too slow. Each surfaces as a {@link TokenRequestException} with the RFC error code, after the
 * configured attempts and within the configured timeout, and the agent recovers when the endpoint
 * does. (The resource's {@code 401 invalid_token} faults are in the adapter tests.)
 */
class AgentFaultsTest {
    private static final Duration ACQUIRE_TIMEOUT = Duration.ofSeconds(3);

    @TempDir
    static Path data;

    private static AgentTestServer server;

    @BeforeAll
    static void startServer() throws Exception {
        server = AgentTestServer.start(data);
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
    void accessTokenWhenEndpointAnswers500ThenServerErrorAfterRetriesAndRecoveryWhenItHeals() throws Exception {
        TokenAgent agent = agent(Agents.agent(server));
        server.tokenEndpoint.failWith500(true);

        TokenRequestException e = assertThrows(TokenRequestException.class, () -> token(agent));

        assertEquals("server_error", e.error());
        assertEquals(500, e.status().orElseThrow());
        assertTrue(e.retryable());
        assertTrue(e.getMessage().contains("gave up after 3 attempts"), e.getMessage());
        assertEquals(3, server.tokenEndpoint.requests(), "maxAttempts requests, no more");
        server.tokenEndpoint.failWith500(false);
        assertEquals(DemoIdentities.USER, ResourceCalls.claims(token(agent)).getSubject());
    }

    @Test
    void accessTokenWhenEndpointFailsTwiceThenThirdAttemptSucceeds() throws Exception {
        TokenAgent agent = agent(Agents.agent(server));
        server.tokenEndpoint.failNextWith500(2);

        AccessToken token = token(agent);

        assertEquals(DemoIdentities.USER, ResourceCalls.claims(token).getSubject());
        assertEquals(3, server.tokenEndpoint.requests(), "two failures retried with back-off, then success");
    }

    @Test
    void accessTokenWhenMetadataNamesAnotherIssuerThenRefusedWithoutTokenRequest() throws Exception {
        TokenAgent agent = TokenAgent.create(TokenAgentConfig.builder(AgentTestServer.AGENT_ID).issuer(server.issuer() + "/")
                .trustAnchors(java.util.List.of(server.pki.readCertificate(io.tokengate.demo.DemoPki.CA_CERT)))
                .clientSecret(server.agentSecret()).keyMaterial(Agents.agentKey(server)).build(),
                () -> Optional.of(DemoIdentities.USER));

        TokenRequestException e = assertThrows(TokenRequestException.class, () -> token(agent));

        assertTrue(e.getMessage().contains("RFC 8414 §3.3"), e.getMessage());
        assertEquals(0, server.tokenEndpoint.requests());
    }

    @Test
    void accessTokenWhenEndpointDownThenTemporarilyUnavailableWithinTimeoutAndRecoveryWhenBack() throws Exception {
        TokenAgent agent = agent(Agents.agent(server).connectTimeout(Duration.ofSeconds(1)).requestTimeout(Duration.ofSeconds(1))
                .acquireTimeout(ACQUIRE_TIMEOUT));
        server.down();
        try {
            long start = System.nanoTime();
            TokenRequestException e = assertThrows(TokenRequestException.class, () -> token(agent));
            long elapsed = System.nanoTime() - start;

            assertEquals("temporarily_unavailable", e.error());
            assertTrue(e.status().isEmpty());
            assertTrue(e.getMessage().contains("unreachable"), e.getMessage());
            assertTrue(elapsed < ACQUIRE_TIMEOUT.plusSeconds(3).toNanos(), "gave up in " + elapsed / 1_000_000 + " ms");
        } finally {
            server.up();
        }
        assertEquals(DemoIdentities.USER, ResourceCalls.claims(token(agent)).getSubject());
    }

    @Test
    void accessTokenWhenEndpointHangsThenGivesUpAtAcquireTimeoutAndRecovers() throws Exception {
        TokenAgent agent = agent(Agents.agent(server).requestTimeout(Duration.ofSeconds(1)).acquireTimeout(Duration.ofSeconds(2))
                .retries(1, Duration.ofMillis(50), Duration.ofMillis(50)));
        server.tokenEndpoint.stall(4000);

        long start = System.nanoTime();
        TokenRequestException e = assertThrows(TokenRequestException.class, () -> token(agent));
        long elapsed = System.nanoTime() - start;

        assertEquals("temporarily_unavailable", e.error());
        assertTrue(e.getMessage().contains("did not answer in time"), e.getMessage());
        assertTrue(elapsed < Duration.ofSeconds(5).toNanos(), "gave up in " + elapsed / 1_000_000 + " ms (acquireTimeout 2 s)");
        server.tokenEndpoint.stall(0);
        assertEquals(DemoIdentities.USER, ResourceCalls.claims(token(agent)).getSubject());
    }

    private static TokenAgent agent(TokenAgentConfig.Builder config) throws Exception {
        return TokenAgent.create(config.clientAuth(ClientAuth.CLIENT_SECRET_BASIC).clientSecret(server.agentSecret())
                .keyMaterial(Agents.agentKey(server)).build(), () -> Optional.of(DemoIdentities.USER));
    }

    private static AccessToken token(TokenAgent agent) {
        return agent.accessToken(DemoSetup.API_AUDIENCE, Agents.READ);
    }
}
