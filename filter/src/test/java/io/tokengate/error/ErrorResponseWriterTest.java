package io.tokengate.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.mockito.Mockito.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tokengate.testing.RecordingResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ErrorResponseWriterTest {
    private final ErrorResponseWriter writer = new ErrorResponseWriter("tokengate-test");
    private final RecordingResponse response = new RecordingResponse();

    @Test
    void writeWhenInvalidClientThen401WithBasicChallenge() throws IOException {
        writer.write(response.servletResponse(), OAuth2Exception.invalidClient("client x is not registered"));

        assertEquals(401, response.status());
        assertEquals("Basic realm=\"tokengate-test\"", response.header("WWW-Authenticate"));
    }

    @Test
    void writeWhenStatus400ThenNoChallenge() throws IOException {
        writer.write(response.servletResponse(), OAuth2Exception.invalidScope("scope x is not granted"));

        assertEquals(400, response.status());
        assertNull(response.header("WWW-Authenticate"));
        assertNull(response.header("Allow"));
    }

    @Test
    void writeWhenStatus405ThenAllowPost() throws IOException {
        writer.write(response.servletResponse(), new OAuth2Exception(ErrorCode.INVALID_REQUEST, "only POST", 405));

        assertEquals(405, response.status());
        assertEquals("POST", response.header("Allow"));
    }

    @Test
    void writeWhenAnyErrorThenNoStoreJsonWithCodeAndDescription() throws IOException {
        writer.write(response.servletResponse(), OAuth2Exception.invalidGrant("the grant is no longer valid"));

        assertEquals("no-store", response.header("Cache-Control"));
        assertEquals("no-cache", response.header("Pragma"));
        assertEquals("application/json;charset=UTF-8", response.contentType());
        JsonNode body = new ObjectMapper().readTree(response.body());
        assertEquals("invalid_grant", body.path("error").asText());
        assertEquals("the grant is no longer valid", body.path("error_description").asText());
        verify(response.servletResponse()).setContentLength(response.body().getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    void writeWhenDescriptionHasQuotesControlCharactersAndMarkupThenValidJsonRoundTrip() throws IOException {
        String description = "client \"x\\y\" sent <script>&\n\u0001 ünïcödé";

        writer.write(response.servletResponse(), OAuth2Exception.invalidRequest(description));

        assertEquals(description, new ObjectMapper().readTree(response.body()).path("error_description").asText());
    }
}
