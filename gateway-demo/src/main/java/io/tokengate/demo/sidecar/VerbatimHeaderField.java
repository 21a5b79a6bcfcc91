package io.tokengate.demo.sidecar;

import java.util.List;
import org.eclipse.jetty.http.HttpField;

/**
 * A response header passed on by the sidecars' proxies exactly as the server sent it. Jetty's
 * {@code AbstractProxyServlet.onServerResponseHeaders} rebuilds each value from
 * {@link HttpField#getValueList()}, which splits it as a quoted list and drops the quotes: a
 * {@code WWW-Authenticate: Bearer realm="app-b", error="invalid_token"} challenge (RFC 6750 §3)
 * would reach the client as {@code Bearer realm=app-b, error=invalid_token}, which clients cannot
 * parse. This field answers its whole value as the one element of the list.
 */
final class VerbatimHeaderField extends HttpField {
    private VerbatimHeaderField(HttpField field) {
        super(field.getHeader(), field.getName(), field.getValue());
    }

    /** {@code field}, or null when it is null (a header the proxy drops). */
    static HttpField of(HttpField field) {
        return field == null || field.getValue() == null ? field : new VerbatimHeaderField(field);
    }

    @Override
    public List<String> getValueList() {
        return List.of(getValue());
    }

    @Override
    public List<String> getValueList(boolean keepQuotes) {
        return List.of(getValue());
    }
}
