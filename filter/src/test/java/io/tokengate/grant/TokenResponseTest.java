package io.tokengate.grant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TokenResponseTest {
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void toJsonWhenScopesThenRfc6749Members() throws Exception {
        JsonNode body = json.readTree(new TokenResponse("eyJ.x.y", "Bearer", 3600, List.of("a", "b"), Optional.empty()).toJson());

        assertEquals("eyJ.x.y", body.path("access_token").asText());
        assertEquals("Bearer", body.path("token_type").asText());
        assertEquals(3600, body.path("expires_in").asLong());
        assertEquals("a b", body.path("scope").asText());
        assertFalse(body.has("refresh_token"));
    }

    @Test
    void toJsonWhenNoScopesThenScopeOmitted() throws Exception {
        assertFalse(json.readTree(new TokenResponse("t", "Bearer", 60, List.of(), Optional.empty()).toJson()).has("scope"));
    }

    @Test
    void toJsonWhenRefreshTokenThenIncluded() throws Exception {
        JsonNode body = json.readTree(new TokenResponse("t", "Bearer", 60, List.of(), Optional.of("r")).toJson());

        assertEquals("r", body.path("refresh_token").asText());
    }

    @Test
    void toStringWhenCalledThenTokensHidden() {
        String text = new TokenResponse("secret-access", "Bearer", 60, List.of("a"), Optional.of("secret-refresh")).toString();

        assertFalse(text.contains("secret-access") || text.contains("secret-refresh"), text);
    }
}
