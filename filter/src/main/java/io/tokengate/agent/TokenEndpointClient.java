package io.tokengate.agent;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Collection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Sends token requests (RFC 6749 §3.2) and retries them with exponential back-off and jitter only
 * where retrying can help: the endpoint unreachable or too slow, a 5xx, a 429. A refusal
 * ({@code invalid_client}, {@code invalid_grant}, …) fails at once. Each attempt builds its form
 * anew, so every attempt carries fresh single-use assertions. Never blocks a thread: the HTTP
 * exchange is asynchronous and back-off waits on a delayed executor. Thread-safe.
 */
final class TokenEndpointClient {
    private final HttpClient http;
    private final TokenAgentConfig config;
    private final TokenResponses responses;
    private final RequestAuthenticator authenticator;

    TokenEndpointClient(HttpClient http, TokenAgentConfig config, TokenResponses responses, RequestAuthenticator authenticator) {
        this.http = http;
        this.config = config;
        this.responses = responses;
        this.authenticator = authenticator;
    }

    /**
     * Requests a token at {@code endpoint} with the grant parameters {@code grant} writes.
     *
     * @param grant           fills in the grant (called once per attempt, with the endpoint URL)
     * @param requestedScopes the scopes asked for, kept when the server does not echo {@code scope}
     */
    CompletableFuture<AccessToken> request(URI endpoint, Function<String, Form> grant, Collection<String> requestedScopes) {
        CompletableFuture<AccessToken> result = new CompletableFuture<>();
        attempt(endpoint, grant, requestedScopes, 1, result);
        return result;
    }

    private void attempt(URI endpoint, Function<String, Form> grant, Collection<String> scopes, int attempt,
            CompletableFuture<AccessToken> result) {
        HttpRequest request;
        String grantType;
        try {
            Form form = authenticator.authenticate(grant.apply(endpoint.toString()), endpoint.toString());
            grantType = form.grantType();
            HttpRequest.Builder b = HttpRequest.newBuilder(endpoint).timeout(config.requestTimeout())
                    .header("Content-Type", "application/x-www-form-urlencoded;charset=UTF-8")
                    .header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(form.encoded()));
            form.authorization().ifPresent(a -> b.header("Authorization", a));
            request = b.build();
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
            return;
        }
        http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
            try {
                if (failure != null) {
                    throw unreachable(endpoint, unwrap(failure), attempt);
                }
                result.complete(responses.read(response, endpoint.toString(), scopes));
            } catch (TokenRequestException e) {
                if (e.retryable() && attempt < config.maxAttempts()) {
                    CompletableFuture.delayedExecutor(backoff(attempt), TimeUnit.MILLISECONDS)
                            .execute(() -> attempt(endpoint, grant, scopes, attempt + 1, result));
                } else {
                    result.completeExceptionally(attempt > 1 ? withAttempts(e, grantType, attempt) : e);
                }
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
    }

    private long backoff(int attempt) {
        long base = Math.min(config.maxBackoff().toMillis(), config.initialBackoff().toMillis() << Math.min(20, attempt - 1));
        return base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1);
    }

    private static TokenRequestException unreachable(URI endpoint, Throwable failure, int attempt) {
        String what = failure instanceof java.net.http.HttpTimeoutException ? "did not answer in time" : "is unreachable";
        return new TokenRequestException("temporarily_unavailable", "token endpoint " + endpoint + " " + what + " ("
                + failure.getClass().getSimpleName() + (failure.getMessage() == null ? "" : ": " + failure.getMessage()) + ")",
                0, failure instanceof IOException, failure);
    }

    private static TokenRequestException withAttempts(TokenRequestException e, String grantType, int attempts) {
        return new TokenRequestException(e.error(), e.getMessage() + " (grant " + grantType + ", gave up after " + attempts
                + " attempts)", e.status().orElse(0), e.retryable(), e.getCause());
    }

    private static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }
}
