package io.tokengate.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.nimbusds.jose.jwk.JWKSet;
import com.sun.net.httpserver.HttpServer;
import io.tokengate.testing.MutableClock;
import io.tokengate.testing.TestAccessTokens;
import io.tokengate.token.AccessTokenClaims;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The key source against a real HTTP server on port 0: rotation, outage and RFC 8414 discovery. */
class JwksOverHttpTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final TestAccessTokens oldKey = TestAccessTokens.es256(clock);
    private final TestAccessTokens newKey = TestAccessTokens.es256(clock);
    private final Map<String, String> documents = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();
    private HttpServer server;
    private String base;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            String body = documents.get(exchange.getRequestURI().getPath());
            byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
        documents.put("/keys", oldKey.publicKeys().toString());
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private AccessTokenValidator validator(ResourceServerConfig.Builder config) {
        ResourceServerConfig c = config.cacheMaxSize(0).build();
        return new AccessTokenValidator(c, JwksKeySource.fromConfig(c, JwksKeySource.httpClient(c), clock), clock);
    }

    private ResourceServerConfig.Builder withJwksUri() {
        return ResourceServerConfig.builder(TestAccessTokens.ISSUER, TestAccessTokens.AUDIENCE)
                .jwksUri(URI.create(base + "/keys"));
    }

    @Test
    void validateWhenIssuerRotatesToANewKidThenPickedUpWithoutRestart() {
        AccessTokenValidator validator = validator(withJwksUri());
        validator.validate(oldKey.issue(TestAccessTokens.ORDERS_READ));
        documents.put("/keys", new JWKSet(List.of(oldKey.key().publicJwk(), newKey.key().publicJwk())).toString());
        clock.advance(Duration.ofSeconds(30));

        ValidatedToken v = validator.validate(newKey.issue(TestAccessTokens.ORDERS_READ));

        assertEquals(TestAccessTokens.SUBJECT, v.subject());
        assertEquals(2, requests.get());
    }

    @Test
    void validateWhenJwksServerDownThenTokensWhoseKeyIsHeldStillValidate() {
        AccessTokenValidator validator = validator(withJwksUri());
        validator.validate(oldKey.issue(TestAccessTokens.ORDERS_READ));
        server.stop(0);
        clock.advance(Duration.ofMinutes(10));

        ValidatedToken v = validator.validate(oldKey.issue(TestAccessTokens.ORDERS_WRITE));

        assertEquals(List.of(TestAccessTokens.ORDERS_WRITE), List.copyOf(v.scopes()));
    }

    @Test
    void validateWhenJwksUriAnswersErrorAndNothingHeldThenTemporarilyUnavailable() {
        documents.clear();
        AccessTokenValidator validator = validator(withJwksUri());

        BearerTokenException e = assertThrows(BearerTokenException.class,
                () -> validator.validate(oldKey.issue(TestAccessTokens.ORDERS_READ)));

        assertEquals(BearerError.TEMPORARILY_UNAVAILABLE, e.error());
    }

    @Test
    void validateWhenNoJwksUriThenDiscoveredFromRfc8414Metadata() {
        documents.put("/.well-known/oauth-authorization-server", metadata(base, base + "/keys"));
        AccessTokenValidator validator = validator(ResourceServerConfig.builder(base, TestAccessTokens.AUDIENCE));

        assertEquals(TestAccessTokens.SUBJECT, validator.validate(tokenOf(base)).subject());
        assertEquals(2, requests.get());
    }

    @Test
    void validateWhenIssuerHasPathAndOnlyTheAppendedLocationAnswersThenThatIsUsed() {
        String issuer = base + "/tenant1";
        documents.put("/tenant1/.well-known/oauth-authorization-server", metadata(issuer, base + "/keys"));
        AccessTokenValidator validator = validator(ResourceServerConfig.builder(issuer, TestAccessTokens.AUDIENCE));

        assertEquals(TestAccessTokens.SUBJECT, validator.validate(tokenOf(issuer)).subject());
    }

    @Test
    void validateWhenMetadataNamesAnotherIssuerThenKeysNotTrusted() {
        documents.put("/.well-known/oauth-authorization-server", metadata("https://evil.example", base + "/keys"));
        AccessTokenValidator validator = validator(ResourceServerConfig.builder(base, TestAccessTokens.AUDIENCE));

        BearerTokenException e = assertThrows(BearerTokenException.class, () -> validator.validate(tokenOf(base)));

        assertEquals(BearerError.TEMPORARILY_UNAVAILABLE, e.error());
        assertEquals(1, requests.get());
    }

    private String tokenOf(String issuer) {
        return oldKey.issuer(issuer).issue(new AccessTokenClaims(TestAccessTokens.SUBJECT, TestAccessTokens.CLIENT_ID,
                List.of(TestAccessTokens.ORDERS_READ), List.of(TestAccessTokens.AUDIENCE), Optional.empty())).value();
    }

    private static String metadata(String issuer, String jwksUri) {
        return "{\"issuer\":\"" + issuer + "\",\"jwks_uri\":\"" + jwksUri + "\",\"token_endpoint\":\"" + issuer
                + "/token\"}";
    }
}
