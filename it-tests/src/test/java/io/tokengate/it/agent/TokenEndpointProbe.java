package io.tokengate.it.agent;

import io.tokengate.testing.ServletStreams;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sits in front of the real token endpoint and counts what crosses it: every POST to the token
 * path, with its {@code grant_type} (the body is read and replayed to the endpoint unchanged). It
 * can also make the endpoint fail: answer 500 ({@link #failWith500}) or stall past the client's
 * timeout ({@link #stall}), while still counting.
 */
final class TokenEndpointProbe extends HttpFilter {
    private static final long serialVersionUID = 1L;

    private final String tokenPath;
    private final List<String> grantTypes = new CopyOnWriteArrayList<>();
    private final AtomicInteger failures = new AtomicInteger();
    private volatile boolean fail500;
    private final AtomicInteger fail500Next = new AtomicInteger();
    private volatile long stallMillis;

    TokenEndpointProbe(String tokenPath) {
        this.tokenPath = tokenPath;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, jakarta.servlet.ServletException {
        if (!"POST".equals(request.getMethod()) || !tokenPath.equals(request.getRequestURI())) {
            chain.doFilter(request, response);
            return;
        }
        byte[] body = request.getInputStream().readAllBytes();
        grantTypes.add(grantType(new String(body, StandardCharsets.UTF_8)));
        if (stallMillis > 0) {
            try {
                Thread.sleep(stallMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (fail500 || fail500Next.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            failures.incrementAndGet();
            response.setStatus(500);
            response.setContentType("text/plain");
            response.getWriter().write("injected failure");
            return;
        }
        chain.doFilter(new Replayed(request, body), response);
    }

    /** How many token requests arrived. */
    int requests() {
        return grantTypes.size();
    }

    /** The grant types of the token requests, in arrival order. */
    List<String> grantTypes() {
        return List.copyOf(grantTypes);
    }

    void failWith500(boolean value) {
        this.fail500 = value;
    }

    /** Answers the next {@code requests} token requests with 500, then lets them through again. */
    void failNextWith500(int requests) {
        fail500Next.set(requests);
    }

    void stall(long millis) {
        this.stallMillis = millis;
    }

    void reset() {
        grantTypes.clear();
        fail500 = false;
        fail500Next.set(0);
        stallMillis = 0;
    }

    private static String grantType(String form) {
        for (String pair : form.split("&")) {
            if (pair.startsWith("grant_type=")) {
                return URLDecoder.decode(pair.substring("grant_type=".length()), StandardCharsets.UTF_8);
            }
        }
        return "";
    }

    /** The request with its body read again from the bytes the probe took. */
    private static final class Replayed extends HttpServletRequestWrapper {
        private final byte[] body;

        Replayed(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            return ServletStreams.input(body);
        }
    }
}
