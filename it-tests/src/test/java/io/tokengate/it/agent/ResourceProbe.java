package io.tokengate.it.agent;

import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sits in front of the protected resource (before the real {@code BearerTokenFilter}) and records
 * the Authorization header of every call; it can refuse the next calls, or all, with
 * {@code 401} and {@code WWW-Authenticate: Bearer error="invalid_token"} as a resource does for a
 * revoked token (RFC 6750 §3.1).
 */
final class ResourceProbe extends HttpFilter {
    private static final long serialVersionUID = 1L;

    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final AtomicInteger refuseNext = new AtomicInteger();
    private volatile boolean refuseAll;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, jakarta.servlet.ServletException {
        String authorization = request.getHeader("Authorization");
        authorizations.add(authorization == null ? "" : authorization);
        if (refuseAll || refuseNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            response.setStatus(401);
            response.setHeader("WWW-Authenticate", "Bearer realm=\"agent-it\", error=\"invalid_token\","
                    + " error_description=\"the access token was revoked\"");
            return;
        }
        chain.doFilter(request, response);
    }

    /** The Authorization header of each call, in order ("" when there was none). */
    List<String> authorizations() {
        return List.copyOf(authorizations);
    }

    void refuseNext(int calls) {
        refuseNext.set(calls);
    }

    void refuseAll(boolean value) {
        this.refuseAll = value;
    }

    void reset() {
        authorizations.clear();
        refuseNext.set(0);
        refuseAll = false;
    }
}
