package io.tokengate.it.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokengate.agent.AccessToken;
import io.tokengate.agent.ClientAuth;
import io.tokengate.agent.TokenAgent;
import io.tokengate.agent.TokenKey;
import io.tokengate.agent.UserGrant;
import io.tokengate.demo.DemoIdentities;
import io.tokengate.demo.DemoPki;
import io.tokengate.demo.DemoSetup;
import io.tokengate.it.support.Https;
import io.tokengate.it.support.TlsClients;
import io.tokengate.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The token cache against the real token endpoint, requests counted at the server: exactly one
 * token request for 200 threads asking at once, tokens renewed in the background before they
 * expire, never handed out stale, refresh tokens used and a revoked one replaced by a new
 * assertion grant. Expiry is driven by a fake clock given to the agent; nothing sleeps for it.
 */
class AgentCacheTest {
    private static final int THREADS = 200;

    @TempDir
    static Path data;

    private static AgentTestServer server;
    private MutableClock clock;
    private TokenAgent agent;
    private ExecutorService threads;

    @BeforeAll
    static void startServer() throws Exception {
        server = AgentTestServer.start(data);
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    @BeforeEach
    void newAgent() throws Exception {
        server.reset();
        clock = new MutableClock(Instant.now());
        agent = TokenAgent.builder(Agents.agent(server).clientAuth(ClientAuth.CLIENT_SECRET_BASIC)
                .clientSecret(server.agentSecret()).keyMaterial(Agents.agentKey(server))
                .userGrant(UserGrant.JWT_BEARER).refreshAhead(Duration.ofMinutes(2)).expirySkew(Duration.ofSeconds(30)).build())
                .subjectSource(() -> java.util.Optional.of(DemoIdentities.USER)).clock(clock).build();
        threads = Executors.newFixedThreadPool(THREADS);
    }

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    @Test
    void accessTokenWhen200ThreadsAskAtOnceForOneKeyThenExactlyOneTokenRequest() throws Exception {
        TokenKey key = agent.keyFor(DemoSetup.API_AUDIENCE, Agents.READ);

        Set<String> tokens = askAtOnce(key);

        assertEquals(1, tokens.size(), "every thread got the same token");
        assertEquals(1, server.tokenEndpoint.requests(), "one token request for " + THREADS + " threads");
    }

    @Test
    void accessTokenWhen200ThreadsFindTheTokenStaleAtOnceThenExactlyOneRenewal() throws Exception {
        TokenKey key = agent.keyFor(DemoSetup.API_AUDIENCE, Agents.READ_OFFLINE);
        AccessToken first = agent.accessToken(key);
        clock.set(first.expiresAt().minusSeconds(10)); // past expirySkew: no longer handed out

        Set<String> tokens = askAtOnce(key);

        assertEquals(1, tokens.size());
        assertNotEquals(first.value(), tokens.iterator().next());
        assertEquals(List.of(UserGrant.JWT_BEARER.grantType(), "refresh_token"), server.tokenEndpoint.grantTypes());
    }

    @Test
    void accessTokenWhenSameKeyAgainThenCachedTokenWithoutRequest() {
        AccessToken first = agent.accessToken(DemoSetup.API_AUDIENCE, Agents.READ);
        clock.advance(Duration.ofMinutes(30));

        AccessToken again = agent.accessToken(DemoSetup.API_AUDIENCE, List.copyOf(Agents.READ));

        assertSame(first, again);
        assertEquals(1, server.tokenEndpoint.requests());
    }

    @Test
    void accessTokenWhenAnotherSubjectThenItsOwnToken() throws Exception {
        AccessToken alice = agent.accessToken(TokenKey.of(DemoIdentities.USER, DemoSetup.API_AUDIENCE, Agents.READ));

        AccessToken bob = agent.accessToken(TokenKey.of("bob", DemoSetup.API_AUDIENCE, Agents.READ));

        assertEquals("bob", ResourceCalls.claims(bob).getSubject());
        assertEquals(DemoIdentities.USER, ResourceCalls.claims(alice).getSubject());
        assertEquals(2, server.tokenEndpoint.requests());
    }

    @Test
    void accessTokenWhenNearExpiryThenRenewedInBackgroundBeforeCallersSeeItExpire() throws Exception {
        TokenKey key = agent.keyFor(DemoSetup.API_AUDIENCE, Agents.READ_OFFLINE);
        AccessToken first = agent.accessToken(key);
        clock.set(first.expiresAt().minus(Duration.ofMinutes(2)).plusSeconds(5)); // inside refreshAhead

        AccessToken during = agent.accessToken(key);

        assertSame(first, during, "the current token is still handed out while its successor is requested");
        assertTrue(during.expiresAt().isAfter(clock.instant()));
        awaitTokenRequests(2);
        AccessToken renewed = awaitNewToken(key, first);
        assertTrue(renewed.expiresAt().isAfter(first.expiresAt()));
        assertEquals(List.of(UserGrant.JWT_BEARER.grantType(), "refresh_token"), server.tokenEndpoint.grantTypes());
        ResourceCalls.assertPrincipal(DemoIdentities.USER, ResourceCalls.callApi(server, agent.sslContext(), renewed));
    }

    @Test
    void accessTokenWhenPastExpirySkewThenNeverHandedOutButReplaced() {
        TokenKey key = agent.keyFor(DemoSetup.API_AUDIENCE, Agents.READ);
        AccessToken first = agent.accessToken(key);
        clock.set(first.expiresAt().minusSeconds(29));

        AccessToken next = agent.accessToken(key);

        assertNotEquals(first.value(), next.value());
        assertTrue(next.expiresAt().isAfter(clock.instant().plusSeconds(30)));
        assertEquals(2, server.tokenEndpoint.requests());
    }

    @Test
    void accessTokenWhenRefreshTokenRevokedThenFallsBackToNewAssertionGrant() throws Exception {
        TokenKey key = agent.keyFor(DemoSetup.API_AUDIENCE, Agents.READ_OFFLINE);
        AccessToken first = agent.accessToken(key);
        revoke(first.refreshToken().orElseThrow());
        clock.set(first.expiresAt().minusSeconds(10));

        AccessToken next = agent.accessToken(key);

        assertEquals(List.of(UserGrant.JWT_BEARER.grantType(), "refresh_token", UserGrant.JWT_BEARER.grantType()),
                server.tokenEndpoint.grantTypes());
        assertTrue(next.refreshToken().isPresent());
        assertNotEquals(first.refreshToken(), next.refreshToken());
        ResourceCalls.assertPrincipal(DemoIdentities.USER, ResourceCalls.callApi(server, agent.sslContext(), next));
    }

    private Set<String> askAtOnce(TokenKey key) throws Exception {
        CountDownLatch ready = new CountDownLatch(THREADS);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<AccessToken>> results = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            results.add(threads.submit(() -> {
                ready.countDown();
                go.await();
                return agent.accessToken(key);
            }));
        }
        assertTrue(ready.await(30, TimeUnit.SECONDS), "threads started");
        go.countDown();
        Set<String> tokens = new HashSet<>();
        for (Future<AccessToken> f : results) {
            tokens.add(f.get(30, TimeUnit.SECONDS).value());
        }
        return tokens;
    }

    private static void awaitTokenRequests(int expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (server.tokenEndpoint.requests() < expected && System.nanoTime() < deadline) {
            Thread.sleep(10); // waiting for the background request to cross the wire, not for expiry
        }
        assertEquals(expected, server.tokenEndpoint.requests());
    }

    private AccessToken awaitNewToken(TokenKey key, AccessToken old) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        AccessToken current = agent.accessToken(key);
        while (current.value().equals(old.value()) && System.nanoTime() < deadline) {
            Thread.sleep(10);
            current = agent.accessToken(key);
            assertTrue(current.expiresAt().isAfter(clock.instant()), "a caller never sees an expired token");
        }
        assertNotEquals(old.value(), current.value(), "the renewed token replaced the old one");
        return current;
    }

    private static void revoke(String refreshToken) {
        var answer = Https.postForm(TlsClients.httpClient(TlsClients.trusting(data.resolve(DemoPki.CA_CERT))),
                server.issuer() + "/oauth2/v1/revoke", Https.form("token", refreshToken, "token_type_hint", "refresh_token"),
                "Authorization", Https.basic(AgentTestServer.AGENT_ID, server.agentSecret()));
        assertEquals(200, answer.status(), answer::toString);
    }
}
