package io.tokengate.demo.sidecar;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Objects;

/**
 * One upstream the egress sidecar calls: local requests whose path starts with {@code prefix} go
 * to {@code upstream} with the rest of the path and the query, carrying a token for {@code scope}.
 * Immutable.
 *
 * @param prefix   a path like {@code /app-b}: matches {@code /app-b} and {@code /app-b/…}, never {@code /app-bx}
 * @param upstream an https origin with an optional base path (plain http only to a loopback address)
 * @param scope    the space-separated scopes to ask the token endpoint for
 */
public record EgressRoute(String prefix, URI upstream, String scope) {
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
        if (scope == null || scope.isBlank()) {
            throw new IllegalArgumentException("route " + prefix + " needs the scope to request tokens for");
        }
    }

    /**
     * Parses {@code PREFIX=URL,scope=SCOPE[,scope=SCOPE…]}, as {@code --route} takes it: several
     * {@code scope=} are joined with spaces.
     */
    public static EgressRoute parse(String text) {
        int eq = text.indexOf('=');
        if (eq < 0) {
            throw new IllegalArgumentException("--route must be PREFIX=URL,scope=SCOPE, was '" + text + "'");
        }
        String[] parts = text.substring(eq + 1).split(",");
        StringBuilder scope = new StringBuilder();
        for (int i = 1; i < parts.length; i++) {
            if (!parts[i].startsWith("scope=")) {
                throw new IllegalArgumentException("--route " + text + ": unknown part '" + parts[i] + "' (only scope=…)");
            }
            scope.append(scope.length() == 0 ? "" : " ").append(parts[i].substring("scope=".length()));
        }
        URI upstream;
        try {
            upstream = URI.create(parts[0]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--route " + text + ": '" + parts[0] + "' is not a URL");
        }
        return new EgressRoute(text.substring(0, eq), upstream, scope.toString());
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
