package io.tokengate.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Reads a token endpoint's answer: a successful response (RFC 6749 §5.1) into an
 * {@link AccessToken}, anything else into a {@link TokenRequestException} with the RFC 6749 §5.2
 * error code, retryable only for 5xx and 429.
 */
final class TokenResponses {
    /** Assumed lifetime when the server sends no {@code expires_in} (RFC 6749 §5.1 makes it optional). */
    static final long DEFAULT_EXPIRES_IN = 300;

    private final ObjectMapper json = new ObjectMapper();
    private final Clock clock;

    TokenResponses(Clock clock) {
        this.clock = clock;
    }

    AccessToken read(HttpResponse<String> response, String endpoint, Collection<String> requestedScopes) {
        int status = response.statusCode();
        JsonNode body = parse(response.body());
        if (status == 200 && body != null && body.path("access_token").isTextual()) {
            String type = body.path("token_type").asText("");
            if (!"bearer".equalsIgnoreCase(type)) {
                throw new TokenRequestException("invalid_request", "token endpoint " + endpoint + " issued a token of type '"
                        + type + "'; the agent sends Bearer tokens only", status, false, null);
            }
            long expiresIn = body.path("expires_in").canConvertToLong() ? body.path("expires_in").asLong() : DEFAULT_EXPIRES_IN;
            List<String> scopes = body.path("scope").isTextual()
                    ? Arrays.stream(body.get("scope").asText().split(" ")).filter(s -> !s.isEmpty()).toList()
                    : List.copyOf(requestedScopes);
            Optional<String> refresh = body.path("refresh_token").isTextual()
                    ? Optional.of(body.get("refresh_token").asText()) : Optional.empty();
            return new AccessToken(body.get("access_token").asText(), "Bearer",
                    clock.instant().plusSeconds(Math.max(0, expiresIn)), scopes, refresh);
        }
        boolean retryable = status >= 500 || status == 429;
        if (body != null && body.path("error").isTextual()) {
            String description = body.path("error_description").asText("");
            throw new TokenRequestException(body.get("error").asText(), "token endpoint " + endpoint + " answered "
                    + status + " " + body.get("error").asText() + (description.isEmpty() ? "" : ": " + description),
                    status, retryable, null);
        }
        String code = status == 429 || status == 503 ? "temporarily_unavailable" : "server_error";
        throw new TokenRequestException(code, "token endpoint " + endpoint + " answered " + status
                + " without an OAuth error" + (status == 404 ? "; check the token endpoint URL" : ""), status, retryable, null);
    }

    private JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            JsonNode node = json.readTree(body);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }
}
