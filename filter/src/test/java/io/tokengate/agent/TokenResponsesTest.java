package io.tokengate.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokengate.testing.MutableClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.api.Test;

class TokenResponsesTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final TokenResponses responses = new TokenResponses(clock);

    @Test
    void readWhenSuccessThenTokenExpiringExpiresInFromNowWithRefreshToken() {
        AccessToken token = responses.read(answer(200, "{\"access_token\":\"at\",\"token_type\":\"Bearer\",\"expires_in\":3600,"
                + "\"scope\":\"a b\",\"refresh_token\":\"rt\"}"), "https://as/token", List.of("a"));

        assertEquals("at", token.value());
        assertEquals(clock.instant().plusSeconds(3600), token.expiresAt());
        assertEquals(List.of("a", "b"), token.scopes());
        assertEquals(Optional.of("rt"), token.refreshToken());
        assertFalse(token.toString().contains("at\""));
        assertFalse(token.toString().contains("rt"));
    }

    @Test
    void readWhenNoScopeNorExpiresInThenRequestedScopesAndDefaultLifetime() {
        AccessToken token = responses.read(answer(200, "{\"access_token\":\"at\",\"token_type\":\"bearer\"}"), "e", List.of("x"));

        assertEquals(List.of("x"), token.scopes());
        assertEquals(clock.instant().plusSeconds(TokenResponses.DEFAULT_EXPIRES_IN), token.expiresAt());
    }

    @Test
    void readWhenNotBearerThenRefused() {
        TokenRequestException e = assertThrows(TokenRequestException.class, () -> responses.read(
                answer(200, "{\"access_token\":\"at\",\"token_type\":\"DPoP\"}"), "e", List.of()));
        assertTrue(e.getMessage().contains("DPoP"));
    }

    @Test
    void readWhenOAuthErrorThenItsCodeAndDescriptionNotRetryable() {
        TokenRequestException e = assertThrows(TokenRequestException.class, () -> responses.read(answer(400,
                "{\"error\":\"invalid_grant\",\"error_description\":\"assertion expired\"}"), "https://as/token", List.of()));

        assertEquals("invalid_grant", e.error());
        assertEquals(400, e.status().orElseThrow());
        assertFalse(e.retryable());
        assertTrue(e.getMessage().contains("assertion expired"));
    }

    @Test
    void readWhen5xxWithoutJsonThenServerErrorRetryable() {
        TokenRequestException e = assertThrows(TokenRequestException.class,
                () -> responses.read(answer(502, "<html>bad gateway</html>"), "e", List.of()));

        assertEquals("server_error", e.error());
        assertTrue(e.retryable());
    }

    @Test
    void readWhen429ThenTemporarilyUnavailableRetryable() {
        TokenRequestException e = assertThrows(TokenRequestException.class, () -> responses.read(answer(429, ""), "e", List.of()));

        assertEquals("temporarily_unavailable", e.error());
        assertTrue(e.retryable());
    }

    @Test
    void readWhen404ThenSaysToCheckTheUrl() {
        TokenRequestException e = assertThrows(TokenRequestException.class, () -> responses.read(answer(404, ""), "e", List.of()));

        assertFalse(e.retryable());
        assertTrue(e.getMessage().contains("check the token endpoint URL"));
    }

    private static HttpResponse<String> answer(int status, String body) {
        return new HttpResponse<>() {
            @Override
            public int statusCode() {
                return status;
            }

            @Override
            public HttpRequest request() {
                return HttpRequest.newBuilder(URI.create("https://as/token")).build();
            }

            @Override
            public Optional<HttpResponse<String>> previousResponse() {
                return Optional.empty();
            }

            @Override
            public HttpHeaders headers() {
                return HttpHeaders.of(Map.of(), (a, b) -> true);
            }

            @Override
            public String body() {
                return body;
            }

            @Override
            public Optional<SSLSession> sslSession() {
                return Optional.empty();
            }

            @Override
            public URI uri() {
                return URI.create("https://as/token");
            }

            @Override
            public HttpClient.Version version() {
                return HttpClient.Version.HTTP_1_1;
            }
        };
    }
}
