package io.tokengate.resource;

import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import jakarta.servlet.http.HttpServletRequest;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Mockito {@link HttpServletRequest}s for the resource filter tests: method, servlet path, query,
 * headers (repeatable, names case-insensitive), a client certificate in the container attribute,
 * and working attributes. Not thread-safe.
 */
final class TestRequests {
    private final Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private final Map<String, Object> attributes = new HashMap<>();
    private String method = "GET";
    private String path = "/api/orders/42";
    private String query;
    private String remoteAddress = "203.0.113.7";

    static TestRequests get(String path) {
        return new TestRequests().method("GET").path(path);
    }

    /** A GET of {@code /api/orders/42} with {@code Authorization: Bearer token}. */
    static TestRequests bearer(String token) {
        return new TestRequests().header("Authorization", "Bearer " + token);
    }

    TestRequests method(String value) {
        method = value;
        return this;
    }

    TestRequests path(String value) {
        path = value;
        return this;
    }

    TestRequests query(String value) {
        query = value;
        return this;
    }

    TestRequests remoteAddress(String value) {
        remoteAddress = value;
        return this;
    }

    /** Adds a header; call twice for a repeated header. */
    TestRequests header(String name, String value) {
        headers.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        return this;
    }

    /** The chain a TLS client presented, as the container exposes it. */
    TestRequests certificate(X509Certificate... chain) {
        attributes.put("jakarta.servlet.request.X509Certificate", chain);
        return this;
    }

    HttpServletRequest build() {
        HttpServletRequest request = mock(HttpServletRequest.class);
        when(request.getMethod()).thenReturn(method);
        when(request.getServletPath()).thenReturn(path);
        when(request.getRequestURI()).thenReturn(path);
        when(request.getContextPath()).thenReturn("");
        when(request.getQueryString()).thenReturn(query);
        when(request.getRemoteAddr()).thenReturn(remoteAddress);
        when(request.getHeader(anyString())).thenAnswer(i -> {
            List<String> values = headers.get(i.<String>getArgument(0));
            return values == null ? null : values.get(0);
        });
        when(request.getHeaders(anyString())).thenAnswer(i -> Collections.enumeration(
                headers.getOrDefault(i.<String>getArgument(0), List.of())));
        when(request.getAttribute(anyString())).thenAnswer(i -> attributes.get(i.<String>getArgument(0)));
        doAnswer(i -> attributes.put(i.getArgument(0), i.getArgument(1))).when(request).setAttribute(anyString(),
                org.mockito.ArgumentMatchers.any());
        return request;
    }
}
