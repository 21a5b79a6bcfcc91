package io.tokengate.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class OAuth2ExceptionTest {

    @Test
    void statusWhenOnlyCodeGivenThenRfc6749TableStatus() {
        assertEquals(400, OAuth2Exception.invalidRequest("x").status());
        assertEquals(401, OAuth2Exception.invalidClient("x").status());
        assertEquals(400, OAuth2Exception.invalidGrant("x").status());
        assertEquals(400, OAuth2Exception.unauthorizedClient("x").status());
        assertEquals(400, OAuth2Exception.invalidScope("x").status());
        assertEquals(500, new OAuth2Exception(ErrorCode.SERVER_ERROR, "x").status());
        assertEquals(503, new OAuth2Exception(ErrorCode.TEMPORARILY_UNAVAILABLE, "x").status());
    }

    @Test
    void statusWhenGivenExplicitlyThenOverridesTable() {
        OAuth2Exception e = new OAuth2Exception(ErrorCode.INVALID_REQUEST, "too large", 413);

        assertEquals(413, e.status());
        assertEquals(ErrorCode.INVALID_REQUEST, e.code());
    }

    @Test
    void valueWhenCodeThenRfc6749Name() {
        assertEquals("unsupported_grant_type", ErrorCode.UNSUPPORTED_GRANT_TYPE.value());
        assertEquals("invalid_client", ErrorCode.INVALID_CLIENT.value());
    }

    @Test
    void constructorWhenDescriptionMissingThenRefused() {
        assertThrows(NullPointerException.class, () -> OAuth2Exception.invalidRequest(null));
    }

    @Test
    void getStackTraceWhenCreatedThenEmptyBecauseItIsAnAnswerNotAFault() {
        assertEquals(0, OAuth2Exception.invalidClient("x").getStackTrace().length);
    }

    @Test
    void toStringWhenCalledThenCodeStatusAndDescription() {
        assertEquals("invalid_scope (400): scope x is not granted", OAuth2Exception.invalidScope("scope x is not granted").toString());
    }
}
