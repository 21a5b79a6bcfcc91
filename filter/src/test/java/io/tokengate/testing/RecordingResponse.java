package io.tokengate.testing;

import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.when;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import org.mockito.Mockito;

/**
 * A Mockito {@link HttpServletResponse} that records status, headers (last value per name, names
 * case-insensitive), content type and body, for unit tests of filters and endpoints. Not thread-safe.
 */
public final class RecordingResponse {
    private final HttpServletResponse response = Mockito.mock(HttpServletResponse.class);
    private final ServletStreams.CapturingOutputStream body = new ServletStreams.CapturingOutputStream();
    private final Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private int status = 200;
    private String contentType;

    public RecordingResponse() {
        try {
            when(response.getOutputStream()).thenReturn(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        doAnswer(i -> status = i.getArgument(0)).when(response).setStatus(anyInt());
        doAnswer(i -> headers.put(i.getArgument(0), i.getArgument(1))).when(response).setHeader(anyString(), anyString());
        doAnswer(i -> headers.put(i.getArgument(0), i.getArgument(1))).when(response).addHeader(anyString(), anyString());
        doAnswer(i -> contentType = i.getArgument(0)).when(response).setContentType(anyString());
        when(response.getStatus()).thenAnswer(i -> status);
        when(response.getContentType()).thenAnswer(i -> contentType);
        when(response.getHeader(anyString())).thenAnswer(i -> headers.get(i.<String>getArgument(0)));
    }

    /** The mock to pass to the code under test. */
    public HttpServletResponse servletResponse() {
        return response;
    }

    public int status() {
        return status;
    }

    /** The last value set for {@code name}, or {@code null}. */
    public String header(String name) {
        return headers.get(name);
    }

    public String contentType() {
        return contentType;
    }

    /** The body written, decoded as UTF-8. */
    public String body() {
        return body.text();
    }
}
