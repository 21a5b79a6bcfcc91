package io.tokengate.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Where token requests go: the configured token endpoint, or the {@code token_endpoint} of the
 * issuer's RFC 8414 metadata ({@code /.well-known/oauth-authorization-server}, inserted after the
 * host as §3.1 says), read once on first use and kept; a failed read is tried again on the next
 * request. The metadata's {@code issuer} must equal the configured issuer (§3.3).
 */
final class TokenEndpointLocator {
    static final String WELL_KNOWN = "/.well-known/oauth-authorization-server";

    private final HttpClient http;
    private final TokenAgentConfig config;
    private final AtomicReference<CompletableFuture<URI>> endpoint = new AtomicReference<>();
    private final ObjectMapper json = new ObjectMapper();

    TokenEndpointLocator(HttpClient http, TokenAgentConfig config) {
        this.http = http;
        this.config = config;
        config.tokenEndpoint().ifPresent(uri -> endpoint.set(CompletableFuture.completedFuture(uri)));
    }

    CompletableFuture<URI> tokenEndpoint() {
        CompletableFuture<URI> current = endpoint.get();
        if (current != null && !current.isCompletedExceptionally()) {
            return current;
        }
        CompletableFuture<URI> fresh = new CompletableFuture<>();
        if (!endpoint.compareAndSet(current, fresh)) {
            return endpoint.get();
        }
        URI issuer = config.issuer().orElseThrow();
        String path = issuer.getRawPath() == null || issuer.getRawPath().equals("/") ? "" : issuer.getRawPath();
        URI metadata = URI.create(issuer.getScheme() + "://" + issuer.getRawAuthority() + WELL_KNOWN + path);
        http.sendAsync(HttpRequest.newBuilder(metadata).timeout(config.requestTimeout()).header("Accept", "application/json")
                .GET().build(), HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
                    try {
                        if (failure != null) {
                            throw new TokenRequestException("temporarily_unavailable", "cannot read the metadata " + metadata
                                    + ": " + failure, 0, true, failure);
                        }
                        fresh.complete(read(metadata, response));
                    } catch (RuntimeException e) {
                        fresh.completeExceptionally(e);
                    }
                });
        return fresh;
    }

    private URI read(URI metadata, HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            throw new TokenRequestException(response.statusCode() >= 500 ? "temporarily_unavailable" : "server_error",
                    "metadata " + metadata + " answered " + response.statusCode() + "; check the issuer", response.statusCode(),
                    response.statusCode() >= 500, null);
        }
        JsonNode body;
        try {
            body = json.readTree(response.body());
        } catch (IOException e) {
            throw new TokenRequestException("server_error", "metadata " + metadata + " is not JSON", 200, false, e);
        }
        String issuer = body.path("issuer").asText("");
        String configured = config.issuer().orElseThrow().toString();
        if (!issuer.equals(configured)) {
            throw new TokenRequestException("server_error", "metadata " + metadata + " names issuer '" + issuer
                    + "', not the configured " + configured + " (RFC 8414 §3.3)", 200, false, null);
        }
        String token = body.path("token_endpoint").asText("");
        try {
            return TokenAgentConfigChecks.https(token, "token_endpoint in " + metadata);
        } catch (IllegalArgumentException e) {
            throw new TokenRequestException("server_error", e.getMessage(), 200, false, e);
        }
    }
}
