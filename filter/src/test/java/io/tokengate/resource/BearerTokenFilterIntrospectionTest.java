package io.tokengate.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import io.tokengate.testing.MutableClock;
import io.tokengate.testing.RecordingResponse;
import io.tokengate.testing.TestAccessTokens;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/** The filter with introspection on: which tokens go where, and the answers the client sees. */
class BearerTokenFilterIntrospectionTest {
    private static final String READ = TestAccessTokens.ORDERS_READ;
    private static final String WRITE = TestAccessTokens.ORDERS_WRITE;
    private static final String REALM = "Bearer realm=\"orders\"";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final TestAccessTokens tokens = TestAccessTokens.es256(clock);
    private final FilterChain chain = mock(FilterChain.class);
    private FakeIntrospectionEndpoint server;

    @BeforeEach
    void start() throws Exception {
        server = new FakeIntrospectionEndpoint();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private BearerTokenFilter filter(IntrospectionMode mode) {
        ResourceServerConfig c = ResourceServerConfig.builder(TestAccessTokens.ISSUER, TestAccessTokens.AUDIENCE)
                .realm("orders").scopeRules(ScopeRules.parse("GET /api/orders/*=" + READ + "; POST /api/orders/*=" + WRITE))
                .introspection(IntrospectionSettings.builder(mode).endpoint(URI.create(server.endpoint()))
                        .clientSecret("secret").build())
                .build();
        return new BearerTokenFilter(c, new AccessTokenValidator(c, JwksKeySource.of(tokens.publicKeys(), clock), clock),
                TokenIntrospector.fromConfig(c, JwksKeySource.httpClient(c), clock));
    }

    private RecordingResponse run(BearerTokenFilter filter, HttpServletRequest request) throws Exception {
        RecordingResponse response = new RecordingResponse();
        filter.doFilter(request, response.servletResponse(), chain);
        return response;
    }

    private String active() {
        long now = clock.instant().getEpochSecond();
        return "{\"active\":true,\"token_type\":\"Bearer\",\"scope\":\"" + READ + "\",\"client_id\":\"orders-app\","
                + "\"sub\":\"bob\",\"aud\":[\"" + TestAccessTokens.AUDIENCE + "\"],\"iss\":\"" + TestAccessTokens.ISSUER
                + "\",\"exp\":" + (now + 300) + "}";
    }

    @Test
    void doFilterWhenOpaqueTokenActiveThenPassedOnAsItsSubject() throws Exception {
        server.answer(active());

        run(filter(IntrospectionMode.OPAQUE), TestRequests.bearer("opaque-handle-1").build());

        ArgumentCaptor<ServletRequest> passed = ArgumentCaptor.forClass(ServletRequest.class);
        verify(chain).doFilter(passed.capture(), any(ServletResponse.class));
        HttpServletRequest request = (HttpServletRequest) passed.getValue();
        assertEquals("bob", request.getUserPrincipal().getName());
        assertTrue(request.isUserInRole(READ));
        assertEquals("orders-app", request.getAttribute(BearerTokenFilter.CLIENT_ID_ATTRIBUTE));
    }

    @Test
    void doFilterWhenOpaqueTokenInactiveThen401InvalidToken() throws Exception {
        RecordingResponse response = run(filter(IntrospectionMode.OPAQUE), TestRequests.bearer("unknown-handle").build());

        assertEquals(401, response.status());
        assertEquals(REALM + ", error=\"invalid_token\", error_description=\"the authorization server reports the access"
                + " token as not active (RFC 7662): it is unknown, expired or revoked\"", response.header("WWW-Authenticate"));
        verify(chain, never()).doFilter(any(), any());
    }

    @Test
    void doFilterWhenOpaqueModeAndJwtThenValidatedLocallyWithoutAskingTheServer() throws Exception {
        run(filter(IntrospectionMode.OPAQUE), TestRequests.bearer(tokens.issue(READ)).build());

        verify(chain).doFilter(any(), any());
        assertEquals(0, server.introspections().size());
    }

    @Test
    void doFilterWhenAllModeAndValidlySignedJwtReportedInactiveThen401InvalidToken() throws Exception {
        RecordingResponse response = run(filter(IntrospectionMode.ALL), TestRequests.bearer(tokens.issue(READ)).build());

        assertEquals(401, response.status());
        assertEquals(1, server.introspections().size());
        verify(chain, never()).doFilter(any(), any());
    }

    @Test
    void doFilterWhenIntrospectedTokenLacksTheScopeThen403InsufficientScope() throws Exception {
        server.answer(active());

        RecordingResponse response = run(filter(IntrospectionMode.OPAQUE),
                TestRequests.bearer("opaque-handle-2").method("POST").build());

        assertEquals(403, response.status());
        assertEquals(REALM + ", error=\"insufficient_scope\", error_description=\"the access token lacks the scope " + WRITE
                + " that POST on this resource needs\", scope=\"" + WRITE + "\"", response.header("WWW-Authenticate"));
    }

    @Test
    void doFilterWhenIntrospectedTokenIsCertificateBoundAndNoCertificateThen401InvalidToken() throws Exception {
        server.answer(active().replace("}", ",\"cnf\":{\"x5t#S256\":\"bm90LXRoaXMtY2VydGlmaWNhdGU\"}}"));

        RecordingResponse response = run(filter(IntrospectionMode.OPAQUE), TestRequests.bearer("opaque-bound").build());

        assertEquals(401, response.status());
        assertTrue(response.header("WWW-Authenticate").contains("bound to a client certificate"),
                response.header("WWW-Authenticate"));
    }

    @Test
    void doFilterWhenIntrospectionEndpointDownThen503WithRetryAfterAndNoChallenge() throws Exception {
        BearerTokenFilter filter = filter(IntrospectionMode.OPAQUE);
        server.close();

        RecordingResponse response = run(filter, TestRequests.bearer("opaque-handle-3").build());

        assertEquals(503, response.status());
        assertEquals("30", response.header("Retry-After"));
        assertNull(response.header("WWW-Authenticate"));
        assertEquals("{\"error\":\"temporarily_unavailable\",\"error_description\":\"the authorization server could not be"
                + " asked about the access token; try again later\"}", response.body());
    }
}
