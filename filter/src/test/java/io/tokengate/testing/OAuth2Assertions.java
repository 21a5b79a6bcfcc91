package io.tokengate.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokengate.error.ErrorCode;
import io.tokengate.error.OAuth2Exception;
import org.junit.jupiter.api.function.Executable;

/** JUnit assertions on the {@link OAuth2Exception}s the token endpoint's parts throw. */
public final class OAuth2Assertions {
    private OAuth2Assertions() {
    }

    /** Asserts {@code call} throws an {@link OAuth2Exception} with {@code code} and the status that code maps to. */
    public static OAuth2Exception assertOAuth2Error(ErrorCode code, Executable call) {
        return assertOAuth2Error(code, code.status(), call);
    }

    /** Asserts {@code call} throws an {@link OAuth2Exception} with {@code code} and {@code status}. */
    public static OAuth2Exception assertOAuth2Error(ErrorCode code, int status, Executable call) {
        OAuth2Exception e = assertThrows(OAuth2Exception.class, call);
        assertEquals(code, e.code(), () -> "error code of: " + e);
        assertEquals(status, e.status(), () -> "HTTP status of: " + e);
        return e;
    }

    /** Asserts the error's description contains {@code part}, showing the description when it does not. */
    public static void assertDescriptionContains(OAuth2Exception e, String part) {
        assertTrue(e.description().contains(part), () -> "expected '" + part + "' in: " + e.description());
    }
}
