package io.tokengate.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokengate.testing.MutableClock;
import io.tokengate.testing.TestAccessTokens;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The RFC 7662 client of the resource filter against a real HTTP endpoint on port 0, on a fake clock. */
class TokenIntrospectorTest {
    private static final String AUDIENCE = TestAccessTokens.AUDIENCE;
    private static final String READ = TestAccessTokens.ORDERS_READ;
    private static final String OPAQUE = "2YotnFZFEjr1zCsicMWpAA";
    private static final String SECRET = "s3cret+with:odd%chars";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private FakeIntrospectionEndpoint server;

    @BeforeEach
    void start() throws Exception {
        server = new FakeIntrospectionEndpoint();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private IntrospectionSettings.Builder settings() {
        return IntrospectionSettings.builder(IntrospectionMode.OPAQUE).endpoint(URI.create(server.endpoint()))
                .clientSecret(SECRET);
    }

    private TokenIntrospector introspector(IntrospectionSettings.Builder settings) {
        ResourceServerConfig c = ResourceServerConfig.builder(server.issuer(), AUDIENCE).introspection(settings.build())
                .build();
        return TokenIntrospector.fromConfig(c, JwksKeySource.httpClient(c), clock);
    }

    private String active(String extra) {
        long now = clock.instant().getEpochSecond();
        return "{\"active\":true,\"token_type\":\"Bearer\",\"scope\":\"" + READ + "\",\"client_id\":\"orders-app\","
                + "\"sub\":\"alice\",\"aud\":\"" + AUDIENCE + "\",\"iss\":\"" + server.issuer() + "\",\"iat\":" + now
                + ",\"exp\":" + (now + 600) + ",\"jti\":\"j-1\"" + extra + "}";
    }

    @Test
    void introspectWhenActiveThenTokenWithTheAnswersClaims() {
        server.answer(active(",\"cnf\":{\"x5t#S256\":\"abc\"}"));

        ValidatedToken token = introspector(settings()).introspect(OPAQUE);

        assertEquals("alice", token.subject());
        assertEquals("orders-app", token.clientId());
        assertEquals(List.of(READ), List.copyOf(token.scopes()));
        assertEquals(Optional.of("abc"), token.certificateThumbprint());
        assertEquals(clock.instant().plusSeconds(600), token.expiresAt());
        assertEquals("j-1", token.jti());
    }

    @Test
    void introspectWhenSecretConfiguredThenClientSecretBasicFormEncodedAndTokenInForm() {
        server.answer(active(""));

        introspector(settings()).introspect(OPAQUE);

        FakeIntrospectionEndpoint.Request request = server.introspections().get(0);
        String expected = "Basic " + Base64.getEncoder().encodeToString(("https%3A%2F%2Fdemo-api.tokengate.test:"
                + "s3cret%2Bwith%3Aodd%25chars").getBytes(StandardCharsets.UTF_8));
        assertEquals(expected, request.authorization());
        assertEquals("token=" + OPAQUE + "&token_type_hint=access_token", request.body());
    }

    @Test
    void introspectWhenNoSecretThenClientIdInFormAndNoAuthorizationHeader() throws Exception {
        server.answer(active(""));
        IntrospectionClient client = new IntrospectionClient(Optional.of(URI.create(server.endpoint())), null,
                java.net.http.HttpClient.newHttpClient(), "rs", Optional.empty(), Duration.ofSeconds(5));

        client.introspect(OPAQUE);

        assertNull(server.introspections().get(0).authorization());
        assertEquals("token=" + OPAQUE + "&token_type_hint=access_token&client_id=rs", server.introspections().get(0).body());
    }

    @Test
    void introspectWhenAskedAgainThenAnswerReusedWithoutARequest() {
        server.answer(active(""));
        TokenIntrospector introspector = introspector(settings());

        introspector.introspect(OPAQUE);
        introspector.introspect(OPAQUE);

        assertEquals(1, server.introspections().size());
        assertEquals(1, introspector.cacheStatistics().hits());
    }

    @Test
    void introspectWhenActiveTtlPassedThenAskedAgain() {
        server.answer(active(""));
        TokenIntrospector introspector = introspector(settings().activeTtl(Duration.ofSeconds(30)));
        introspector.introspect(OPAQUE);

        clock.advance(Duration.ofSeconds(29));
        introspector.introspect(OPAQUE);
        assertEquals(1, server.introspections().size());
        clock.advance(Duration.ofSeconds(2));
        introspector.introspect(OPAQUE);

        assertEquals(2, server.introspections().size());
    }

    @Test
    void introspectWhenTokenExpiresBeforeTheTtlThenAnswerKeptOnlyUntilExp() {
        long exp = clock.instant().getEpochSecond() + 10;
        server.answer(active("").replaceFirst("\"exp\":\\d+", "\"exp\":" + exp));
        TokenIntrospector introspector = introspector(settings().activeTtl(Duration.ofMinutes(5)));
        introspector.introspect(OPAQUE);
        server.answer("{\"active\":false}");

        clock.advance(Duration.ofSeconds(11));
        BearerTokenException e = assertThrows(BearerTokenException.class, () -> introspector.introspect(OPAQUE));

        assertEquals(BearerError.INVALID_TOKEN, e.error());
        assertEquals(2, server.introspections().size());
    }

    @Test
    void introspectWhenInactiveThenInvalidTokenRememberedForTheInactiveTtl() {
        TokenIntrospector introspector = introspector(settings().inactiveTtl(Duration.ofSeconds(5)));

        BearerTokenException e = assertThrows(BearerTokenException.class, () -> introspector.introspect(OPAQUE));
        assertThrows(BearerTokenException.class, () -> introspector.introspect(OPAQUE));
        assertEquals(1, server.introspections().size());
        clock.advance(Duration.ofSeconds(6));
        server.answer(active(""));

        assertEquals("alice", introspector.introspect(OPAQUE).subject());
        assertEquals(BearerError.INVALID_TOKEN, e.error());
        assertEquals("the authorization server reports the access token as not active (RFC 7662): it is unknown,"
                + " expired or revoked", e.description());
        assertEquals(2, server.introspections().size());
    }

    @Test
    void introspectWhenMeantForAnotherAudienceThenInvalidToken() {
        server.answer(active("").replace("\"aud\":\"" + AUDIENCE + "\"", "\"aud\":[\"https://payments.example\"]"));

        BearerTokenException e = assertThrows(BearerTokenException.class, () -> introspector(settings()).introspect(OPAQUE));

        assertEquals("the access token is meant for https://payments.example, not for " + AUDIENCE, e.description());
    }

    @Test
    void introspectWhenNoTokenTypeThenInvalidTokenSoARefreshTokenIsNotTakenForAnAccessToken() {
        server.answer(active("").replace("\"token_type\":\"Bearer\",", ""));

        BearerTokenException e = assertThrows(BearerTokenException.class, () -> introspector(settings()).introspect(OPAQUE));

        assertEquals(BearerError.INVALID_TOKEN, e.error());
        assertTrue(e.description().contains("token_type missing"), e.description());
    }

    @Test
    void introspectWhenIssuedByAnotherIssuerThenInvalidToken() {
        server.answer(active("").replace("\"iss\":\"" + server.issuer() + "\"", "\"iss\":\"https://evil.example\""));

        BearerTokenException e = assertThrows(BearerTokenException.class, () -> introspector(settings()).introspect(OPAQUE));

        assertEquals("the access token was issued by 'https://evil.example', not by " + server.issuer(), e.description());
    }

    @Test
    void introspectWhenNoExpThenInvalidToken() {
        server.answer(active("").replaceFirst(",\"exp\":\\d+", ""));

        BearerTokenException e = assertThrows(BearerTokenException.class, () -> introspector(settings()).introspect(OPAQUE));

        assertEquals("the access token has no exp in the authorization server's introspection answer (RFC 7662 §2.2)",
                e.description());
    }

    @Test
    void introspectWhenEndpointRefusesOurCredentialsThenTemporarilyUnavailableAndAskedAgainNextTime() {
        server.answer(401, "{\"error\":\"invalid_client\",\"error_description\":\"wrong secret\"}");
        TokenIntrospector introspector = introspector(settings());

        BearerTokenException e = assertThrows(BearerTokenException.class, () -> introspector.introspect(OPAQUE));
        assertThrows(BearerTokenException.class, () -> introspector.introspect(OPAQUE));

        assertEquals(BearerError.TEMPORARILY_UNAVAILABLE, e.error());
        assertEquals(2, server.introspections().size());
    }

    @Test
    void introspectWhenAnswerIsNotJsonThenTemporarilyUnavailable() {
        server.answer("<html>maintenance</html>");

        BearerTokenException e = assertThrows(BearerTokenException.class, () -> introspector(settings()).introspect(OPAQUE));

        assertEquals(BearerError.TEMPORARILY_UNAVAILABLE, e.error());
    }

    @Test
    void introspectWhenEndpointUnreachableThenTemporarilyUnavailable() {
        TokenIntrospector introspector = introspector(settings());
        server.close();

        BearerTokenException e = assertThrows(BearerTokenException.class, () -> introspector.introspect(OPAQUE));

        assertEquals(BearerError.TEMPORARILY_UNAVAILABLE, e.error());
        assertEquals("the authorization server could not be asked about the access token; try again later",
                e.description());
    }

    @Test
    void introspectWhenNoEndpointConfiguredThenTheMetadatasIntrospectionEndpointIsUsed() {
        server.answer(active(""));
        TokenIntrospector introspector = introspector(IntrospectionSettings.builder(IntrospectionMode.ALL)
                .clientSecret(SECRET));

        assertEquals("alice", introspector.introspect(OPAQUE).subject());
        assertEquals(List.of("/.well-known/oauth-authorization-server", "/introspect"),
                server.requests().stream().map(FakeIntrospectionEndpoint.Request::path).toList());
    }

    @Test
    void introspectWhenManyCallersAskAboutOneNewTokenAtOnceThenOneRequestAnswersAll() throws Exception {
        server.answer(active(""));
        server.holdAnswers();
        TokenIntrospector introspector = introspector(settings());
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try {
            List<Future<ValidatedToken>> answers = new ArrayList<>();
            answers.add(callers.submit(() -> introspector.introspect(OPAQUE)));
            server.awaitFirstRequest();
            for (int i = 1; i < 8; i++) {
                answers.add(callers.submit(() -> introspector.introspect(OPAQUE)));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (introspector.cacheStatistics().hits() < 7 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            server.release();

            for (Future<ValidatedToken> answer : answers) {
                assertEquals("alice", answer.get(10, TimeUnit.SECONDS).subject());
            }
            assertEquals(1, server.introspections().size());
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void handlesWhenOpaqueModeThenOnlyTokensThatAreNotJwts() {
        TokenIntrospector opaque = introspector(settings());
        TokenIntrospector all = introspector(IntrospectionSettings.builder(IntrospectionMode.ALL).clientSecret(SECRET));

        assertTrue(opaque.handles(OPAQUE));
        assertFalse(opaque.handles("eyJhbGciOiJub25lIn0.eyJzdWIiOiJhIn0."));
        assertTrue(opaque.handles("a.b.c.d.e"));
        assertTrue(all.handles(OPAQUE));
    }

    @Test
    void introspectWhenCacheMaxSizeZeroThenEveryRequestAsks() {
        server.answer(active(""));
        ResourceServerConfig c = ResourceServerConfig.builder(server.issuer(), AUDIENCE).cacheMaxSize(0)
                .introspection(settings().build()).build();
        TokenIntrospector introspector = TokenIntrospector.fromConfig(c, JwksKeySource.httpClient(c), clock);

        introspector.introspect(OPAQUE);
        introspector.introspect(OPAQUE);

        assertEquals(2, server.introspections().size());
    }
}
