package io.tokengate.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TokenRequestTest {

    @Test
    void toStringWhenSecretsInParametersAndHeaderThenOnlyNamesShown() {
        TokenRequest request = new TokenRequest(Map.of("grant_type", "password", "username", "alice",
                "password", "hunter2", "refresh_token", "rt-value", "client_secret", "cs-value"),
                Optional.of("Basic YXBwOnNlY3JldA=="), Optional.empty(), "203.0.113.7");

        assertEquals("TokenRequest[grant_type=password, parameters=[client_secret, grant_type, password,"
                + " refresh_token, username], authorization=sent, certificate=none, remoteAddress=203.0.113.7]",
                request.toString());
    }
}
