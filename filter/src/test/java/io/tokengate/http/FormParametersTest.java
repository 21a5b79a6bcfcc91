package io.tokengate.http;

import static io.tokengate.testing.OAuth2Assertions.assertDescriptionContains;
import static io.tokengate.testing.OAuth2Assertions.assertOAuth2Error;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.tokengate.error.ErrorCode;
import io.tokengate.error.OAuth2Exception;
import io.tokengate.testing.ServletStreams;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FormParametersTest {
    private static final int LIMIT = 1024;

    @Test
    void parseWhenPairsThenParametersInOrderSent() {
        Map<String, String> parameters = FormParameters.parse("grant_type=client_credentials&scope=a&client_id=c1");

        assertEquals(List.of("grant_type", "scope", "client_id"), List.copyOf(parameters.keySet()));
        assertEquals("client_credentials", parameters.get("grant_type"));
        assertEquals("c1", parameters.get("client_id"));
    }

    @Test
    void parseWhenPlusAndPercentEncodedThenDecoded() {
        Map<String, String> parameters = FormParameters.parse(
                "scope=orders.read+orders.write&client_secret=p%40ss%2Bw%25rd&name=caf%C3%A9");

        assertEquals("orders.read orders.write", parameters.get("scope"));
        assertEquals("p@ss+w%rd", parameters.get("client_secret"));
        assertEquals("café", parameters.get("name"));
    }

    @Test
    void parseWhenNameEncodedThenDecoded() {
        assertEquals("x", FormParameters.parse("client%5Fid=x").get("client_id"));
    }

    @Test
    void parseWhenParameterRepeatedThenInvalidRequest() {
        OAuth2Exception e = assertOAuth2Error(ErrorCode.INVALID_REQUEST,
                () -> FormParameters.parse("grant_type=client_credentials&scope=a&scope=b"));

        assertDescriptionContains(e, "'scope' is repeated");
    }

    @Test
    void parseWhenParameterRepeatedWithEmptyValueThenInvalidRequest() {
        assertOAuth2Error(ErrorCode.INVALID_REQUEST, () -> FormParameters.parse("scope=&scope=b"));
    }

    @Test
    void parseWhenParameterRepeatedUnderAnotherEncodingThenInvalidRequest() {
        assertOAuth2Error(ErrorCode.INVALID_REQUEST, () -> FormParameters.parse("client_id=a&client%5Fid=b"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"scope=%zz", "scope=%4", "scope=abc%", "sc%g0ope=a"})
    void parseWhenPercentEncodingMalformedThenInvalidRequest(String body) {
        OAuth2Exception e = assertOAuth2Error(ErrorCode.INVALID_REQUEST, () -> FormParameters.parse(body));

        assertDescriptionContains(e, "malformed percent-encoding");
    }

    @Test
    void parseWhenRawNonAsciiByteThenInvalidRequest() {
        // the body as read: UTF-8 "é" sent unencoded, decoded byte by byte as ISO-8859-1
        String body = new String("scope=caf\u00e9".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);

        OAuth2Exception e = assertOAuth2Error(ErrorCode.INVALID_REQUEST, () -> FormParameters.parse(body));

        assertDescriptionContains(e, "not percent-encoded");
    }

    @Test
    void parseWhenValueEmptyThenParameterAbsent() {
        Map<String, String> parameters = FormParameters.parse("grant_type=client_credentials&scope=&client_id");

        assertFalse(parameters.containsKey("scope"));
        assertFalse(parameters.containsKey("client_id"));
        assertEquals(Map.of("grant_type", "client_credentials"), parameters);
    }

    @Test
    void parseWhenEmptyPairsThenSkipped() {
        assertEquals(Map.of("a", "b"), FormParameters.parse("&&a=b&"));
    }

    @Test
    void parseWhenBodyEmptyThenNoParameters() {
        assertEquals(Map.of(), FormParameters.parse(""));
    }

    @Test
    void parseWhenCalledThenResultUnmodifiable() {
        Map<String, String> parameters = FormParameters.parse("a=b");

        assertThrows(UnsupportedOperationException.class, () -> parameters.put("c", "d"));
    }

    @Test
    void readWhenBodyWithinLimitThenParsed() throws IOException {
        HttpServletRequest request = requestWithBody("grant_type=client_credentials".getBytes(StandardCharsets.US_ASCII), -1);

        assertEquals(Map.of("grant_type", "client_credentials"), FormParameters.read(request, LIMIT));
    }

    @Test
    void readWhenBodyExactlyAtLimitThenParsed() throws IOException {
        byte[] body = ("a=" + "x".repeat(LIMIT - 2)).getBytes(StandardCharsets.US_ASCII);

        assertEquals(LIMIT - 2, FormParameters.read(requestWithBody(body, body.length), LIMIT).get("a").length());
    }

    @Test
    void readWhenBodyLargerThanLimitThenStatus413() {
        byte[] body = ("a=" + "x".repeat(LIMIT)).getBytes(StandardCharsets.US_ASCII);
        HttpServletRequest request = requestWithBody(body, -1); // chunked: no Content-Length

        OAuth2Exception e = assertOAuth2Error(ErrorCode.INVALID_REQUEST, 413, () -> FormParameters.read(request, LIMIT));

        assertDescriptionContains(e, "larger than the " + LIMIT + " bytes");
    }

    @Test
    void readWhenContentLengthLargerThanSwallowLimitThenStatus413WithoutReadingBody() throws IOException {
        HttpServletRequest request = mock(HttpServletRequest.class);
        when(request.getContentLengthLong()).thenReturn(FormParameters.SWALLOW_LIMIT + 1L);
        jakarta.servlet.ServletInputStream stream = mock(jakarta.servlet.ServletInputStream.class);
        when(request.getInputStream()).thenReturn(stream);

        assertOAuth2Error(ErrorCode.INVALID_REQUEST, 413, () -> FormParameters.read(request, LIMIT));

        verify(stream, never()).read(org.mockito.ArgumentMatchers.any(byte[].class), org.mockito.ArgumentMatchers.anyInt(),
                org.mockito.ArgumentMatchers.anyInt());
    }

    @Test
    void readWhenContentLengthLargerThanLimitThenBodyDrainedAndStatus413() throws IOException {
        byte[] body = ("a=" + "x".repeat(LIMIT)).getBytes(StandardCharsets.US_ASCII);
        HttpServletRequest request = requestWithBody(body, body.length);

        assertOAuth2Error(ErrorCode.INVALID_REQUEST, 413, () -> FormParameters.read(request, LIMIT));

        org.junit.jupiter.api.Assertions.assertEquals(-1, request.getInputStream().read(),
                "the refused body is read to its end so the client receives the 413");
    }

    @Test
    void readWhenRawUtf8InBodyThenInvalidRequest() {
        HttpServletRequest request = requestWithBody("scope=caf\u00e9".getBytes(StandardCharsets.UTF_8), -1);

        assertOAuth2Error(ErrorCode.INVALID_REQUEST, () -> FormParameters.read(request, LIMIT));
    }

    private static HttpServletRequest requestWithBody(byte[] body, long contentLength) {
        HttpServletRequest request = mock(HttpServletRequest.class);
        when(request.getContentLengthLong()).thenReturn(contentLength);
        try {
            when(request.getInputStream()).thenReturn(ServletStreams.input(body));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return request;
    }
}
