package io.tokengate.benchmarks;

import jakarta.servlet.http.HttpServletRequestWrapper;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A hand-written GET request for measuring {@code BearerTokenFilter} in process, the resource-side
 * counterpart of {@link FakeExchange.Request}: method, servlet path and path info, headers (names
 * keyed in lower case, used as given), container attributes that can be read and set, and the
 * remote address. Any other call reaches {@link FakeExchange}'s stand-in, which throws
 * {@link UnsupportedOperationException} naming the method. One object per measured call, as a
 * container makes one per request; not thread-safe.
 */
final class FakeGet extends HttpServletRequestWrapper {
    private final String servletPath;
    private final String pathInfo;
    private final Map<String, String> headers;
    private final Map<String, Object> attributes;

    /** @param initialAttributes copied, so that what the filter sets stays with this request */
    FakeGet(String servletPath, String pathInfo, Map<String, String> headers, Map<String, Object> initialAttributes) {
        super(FakeExchange.NO_REQUEST);
        this.servletPath = servletPath;
        this.pathInfo = pathInfo;
        this.headers = headers;
        this.attributes = new HashMap<>(initialAttributes);
    }

    @Override
    public String getMethod() {
        return "GET";
    }

    @Override
    public String getServletPath() {
        return servletPath;
    }

    @Override
    public String getPathInfo() {
        return pathInfo;
    }

    @Override
    public String getContextPath() {
        return "";
    }

    @Override
    public String getRequestURI() {
        return servletPath + (pathInfo == null ? "" : pathInfo);
    }

    @Override
    public String getQueryString() {
        return null;
    }

    @Override
    public String getHeader(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
        String value = getHeader(name);
        return value == null ? Collections.emptyEnumeration() : Collections.enumeration(List.of(value));
    }

    @Override
    public Object getAttribute(String name) {
        return attributes.get(name);
    }

    @Override
    public void setAttribute(String name, Object value) {
        attributes.put(name, value);
    }

    @Override
    public String getRemoteAddr() {
        return "127.0.0.1";
    }
}
