package io.tokengate.it.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

/**
 * Checks an RFC 6749 §5.2 error answer as it crossed the wire: the status and {@code error}
 * code, a non-empty {@code error_description}, {@code Cache-Control: no-store}, a
 * {@code WWW-Authenticate} challenge on every 401, and no trace of server internals.
 */
public final class OAuthErrors {
    private OAuthErrors() {
    }

    /** @return the {@code error_description}, for tests that check what it says */
    public static String assertError(HttpAnswer answer, int status, String code) {
        assertEquals(status, answer.status(), () -> "status of " + answer);
        assertEquals("application/json", answer.mediaType(), () -> "Content-Type of " + answer);
        assertEquals("no-store", answer.header("Cache-Control").orElse(null), () -> "Cache-Control of " + answer);
        if (status == 401) {
            assertTrue(answer.header("WWW-Authenticate").filter(v -> !v.isBlank()).isPresent(),
                    () -> "a 401 without WWW-Authenticate: " + answer);
        }
        assertFalse(answer.body().contains("at io."), () -> "stack trace in " + answer.body());
        assertFalse(answer.body().contains("Exception"), () -> "exception name in " + answer.body());
        Map<String, Object> json = answer.json();
        assertEquals(code, json.get("error"), () -> "error of " + answer.body());
        String description = assertInstanceOf(String.class, json.get("error_description"), "error_description");
        assertFalse(description.isBlank(), "error_description is empty");
        return description;
    }
}
