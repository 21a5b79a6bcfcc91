package io.tokengate.demo.sidecar;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One upstream the egress sidecar calls: local requests whose path starts with {@code prefix} go
 * to {@code upstream} with the rest of the path and the query, carrying a token for
 * {@code audience} and {@code scopes}. Immutable.
 *
 * @param prefix   a path like {@code /app-b}: matches {@code /app-b} and {@code /app-b/…}, never {@code /app-bx}
 * @param upstream an https origin with an optional base path (plain http only to a loopback address)
 * @param audience the upstream's resource server identifier (the token key's audience)
 * @param scopes   the scopes to ask the token endpoint for
 */
public record EgressRoute(String prefix, URI upstream, String audience, List<String> scopes) {
    public EgressRoute {
        Objects.requireNonNull(prefix, "prefix");
        if (!prefix.startsWith("/") || prefix.length() < 2 || prefix.endsWith("/") || prefix.contains("..")) {
            throw new IllegalArgumentException("route prefix must be a path like /app-b (no trailing slash), was '"
                    + prefix + "'");
        }
        Objects.requireNonNull(upstream, "upstream");
        boolean loopbackHttp = "http".equals(upstream.getScheme()) && isLoopback(upstream.getHost());
        if (!("https".equals(upstream.getScheme()) || loopbackHttp) || upstream.getHost() == null
                || upstream.getRawQuery() != null || upstream.getRawFragment() != null) {
            throw new IllegalArgumentException("route " + prefix + ": upstream must be an https URL without query or"
                    + " fragment (http only to a loopback address), was '" + upstream + "'");
        }
        if (audience == null || audience.isBlank()) {
            throw new IllegalArgumentException("route " + prefix + " needs the audience of its upstream");
        }
        scopes = List.copyOf(scopes);
        if (scopes.isEmpty() || scopes.stream().anyMatch(s -> s.isBlank() || s.contains(" "))) {
            throw new IllegalArgumentException("route " + prefix + " needs the scopes to request tokens for, was " + scopes);
        }
    }

    /**
     * Parses {@code PREFIX=URL,audience=AUDIENCE,scope=SCOPE[,scope=SCOPE…]}, as {@code --route}
     * takes it; without {@code audience=} the audience is the upstream URL.
     */
    public static EgressRoute parse(String text) {
        int eq = text.indexOf('=');
        if (eq < 0) {
            throw new IllegalArgumentException("--route must be PREFIX=URL,audience=AUDIENCE,scope=SCOPE, was '" + text + "'");
        }
        String[] parts = text.substring(eq + 1).split(",");
        List<String> scopes = new ArrayList<>();
        String audience = null;
        for (int i = 1; i < parts.length; i++) {
            if (parts[i].startsWith("scope=")) {
                scopes.add(parts[i].substring("scope=".length()));
            } else if (parts[i].startsWith("audience=") && audience == null) {
                audience = parts[i].substring("audience=".length());
            } else {
                throw new IllegalArgumentException("--route " + text + ": unexpected part '" + parts[i]
                        + "' (one audience=…, one or more scope=…)");
            }
        }
        URI upstream;
        try {
            upstream = URI.create(parts[0]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--route " + text + ": '" + parts[0] + "' is not a URL");
        }
        return new EgressRoute(text.substring(0, eq), upstream, audience == null ? parts[0] : audience, scopes);
    }

    /** Whether {@code path} (raw, as in the request line) belongs to this route. */
    boolean matches(String path) {
        return path.startsWith(prefix) && (path.length() == prefix.length() || path.charAt(prefix.length()) == '/');
    }

    /** The upstream URL for a matching raw {@code path} and raw {@code query} (null when absent). */
    String target(String path, String query) {
        String base = upstream.toString();
        if (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        String rest = path.substring(prefix.length());
        return base + (rest.isEmpty() ? "/" : rest) + (query == null ? "" : "?" + query);
    }

    private static boolean isLoopback(String host) {
        if (host == null) {
            return false;
        }
        if ("localhost".equalsIgnoreCase(host)) {
            return true;
        }
        try {
            String literal = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
            return Character.digit(literal.charAt(0), 16) >= 0 && InetAddress.getByName(literal).isLoopbackAddress();
        } catch (UnknownHostException | RuntimeException e) {
            return false;
        }
    }
}
