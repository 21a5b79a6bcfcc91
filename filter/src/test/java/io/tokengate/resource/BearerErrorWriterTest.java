package io.tokengate.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.tokengate.testing.RecordingResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

class BearerErrorWriterTest {
    private final BearerErrorWriter writer = new BearerErrorWriter("api", 30);

    @Test
    void headerSafeWhenQuoteBackslashLineBreakOrNonAsciiThenReplaced() {
        assertEquals("issued by 'x/y'??? section 4 ?", BearerErrorWriter.headerSafe("issued by \"x\\y\"\r\n\t §4 é"));
    }

    @Test
    void headerSafeWhenLongerThan300CharactersThenCut() {
        assertEquals(300, BearerErrorWriter.headerSafe("a".repeat(1000)).length());
    }

    @Test
    void writeWhenDescriptionHasQuoteThenHeaderSanitisedAndJsonEscaped() throws Exception {
        RecordingResponse response = new RecordingResponse();

        writer.write(response.servletResponse(), BearerTokenException.invalidToken("kid \"<x>\""));

        assertEquals("Bearer realm=\"api\", error=\"invalid_token\", error_description=\"kid '<x>'\"",
                response.header("WWW-Authenticate"));
        assertEquals("{\"error\":\"invalid_token\",\"error_description\":\"kid \\\"\\u003cx\\u003e\\\"\"}", response.body());
    }

    @Test
    void writeWhenInsufficientScopeWithSeveralScopesThenAllListedSpaceSeparated() throws Exception {
        RecordingResponse response = new RecordingResponse();

        writer.write(response.servletResponse(), BearerTokenException.insufficientScope("lacks b", List.of("a", "b")));

        assertEquals(403, response.status());
        assertEquals("Bearer realm=\"api\", error=\"insufficient_scope\", error_description=\"lacks b\", scope=\"a b\"",
                response.header("WWW-Authenticate"));
    }

    @Test
    void writeWhenServerErrorThenNoChallengeAndNoRetryAfter() throws Exception {
        RecordingResponse response = new RecordingResponse();

        writer.write(response.servletResponse(), new BearerTokenException(BearerError.SERVER_ERROR, "boom"));

        assertEquals(500, response.status());
        assertNull(response.header("WWW-Authenticate"));
        assertNull(response.header("Retry-After"));
        assertEquals("no-store", response.header("Cache-Control"));
    }
}
