package io.tokengate.demo.sidecar;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * The egress sidecar's token source until the outbound agent's token client replaces it: for a
 * user, the JWT bearer grant (RFC 7523 §2.1) with an assertion about that user signed by this
 * Trusted client ({@link UserAssertionSigner}); without one, {@code client_credentials}; HTTP
 * Basic client authentication (RFC 6749 §2.3.1). Tokens are cached per subject and scope until
 * {@link #MARGIN} before they expire, one token request per key at a time.
 */
final class AssertionGrantTokens implements EgressTokens {
    static final Duration MARGIN = Duration.ofSeconds(60);
    private static final String JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final URI tokenEndpoint;
    private final String basic;
    private final UserAssertionSigner assertions;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();
    private final Cache<Key, Issued> cache = Caffeine.newBuilder().maximumSize(10_000).expireAfter(new Expiry<Key, Issued>() {
        @Override
        public long expireAfterCreate(Key key, Issued value, long currentTime) {
            return value.usableFor().toNanos();
        }

        @Override
        public long expireAfterUpdate(Key key, Issued value, long currentTime, long currentDuration) {
            return value.usableFor().toNanos();
        }

        @Override
        public long expireAfterRead(Key key, Issued value, long currentTime, long currentDuration) {
            return currentDuration;
        }
    }).build();

    AssertionGrantTokens(URI tokenEndpoint, String clientId, String clientSecret, UserAssertionSigner assertions,
            HttpClient http) {
        this.tokenEndpoint = tokenEndpoint;
        this.basic = "Basic " + Base64.getEncoder().encodeToString((form(clientId) + ":" + form(clientSecret))
                .getBytes(StandardCharsets.UTF_8));
        this.assertions = assertions;
        this.http = http;
    }

    private record Key(Optional<String> subject, String scope) {
    }

    private record Issued(String token, Duration usableFor) {
    }

    @Override
    public String accessToken(Optional<String> subject, String scope) throws TokenUnavailableException {
        try {
            return cache.get(new Key(subject, scope), unchecked(this::request)).token();
        } catch (CompletionException e) {
            throw (TokenUnavailableException) e.getCause();
        }
    }

    @Override
    public void invalidate(Optional<String> subject, String scope, String token) {
        cache.asMap().computeIfPresent(new Key(subject, scope), (k, v) -> v.token().equals(token) ? null : v);
    }

    private Issued request(Key key) throws TokenUnavailableException {
        String body = key.subject().isPresent()
                ? "grant_type=" + form(JWT_BEARER) + "&assertion=" + form(assertions.sign(key.subject().get(),
                        tokenEndpoint.toString())) + "&scope=" + form(key.scope())
                : "grant_type=client_credentials&scope=" + form(key.scope());
        HttpRequest request = HttpRequest.newBuilder(tokenEndpoint).timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded").header("Authorization", basic)
                .header("Accept", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new TokenUnavailableException("temporarily_unavailable", "the token endpoint " + tokenEndpoint
                    + " could not be reached: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TokenUnavailableException("temporarily_unavailable", "interrupted while asking " + tokenEndpoint, e);
        }
        JsonNode answer;
        try {
            answer = json.readTree(response.body());
        } catch (IOException e) {
            answer = null;
        }
        if (response.statusCode() != 200 || answer == null || !answer.path("access_token").isTextual()) {
            String error = answer == null ? "server_error" : answer.path("error").asText("server_error");
            String description = answer == null ? "" : answer.path("error_description").asText("");
            throw new TokenUnavailableException(error, "the token endpoint answered " + response.statusCode() + " "
                    + error + (description.isEmpty() ? "" : ": " + description), null);
        }
        long expiresIn = answer.path("expires_in").asLong(0);
        Duration usable = Duration.ofSeconds(expiresIn).minus(MARGIN);
        return new Issued(answer.get("access_token").asText(), usable.isNegative() ? Duration.ZERO : usable);
    }

    private static String form(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @FunctionalInterface
    private interface Loader {
        Issued load(Key key) throws TokenUnavailableException;
    }

    private static Function<Key, Issued> unchecked(Loader loader) {
        return key -> {
            try {
                return loader.load(key);
            } catch (TokenUnavailableException e) {
                throw new CompletionException(e);
            }
        };
    }
}
