package io.tokengate.agent;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which outbound calls get a token, and for which audience and scopes: an ordered list of https
 * URL prefixes (origin and path prefix), the longest matching prefix wins. A call to a URL no route
 * names goes out without a token, so tokens never leak to other hosts (or to a redirect target).
 * Immutable and thread-safe.
 */
public final class OutboundRoutes {
    private final List<Route> routes;

    private OutboundRoutes(List<Route> routes) {
        this.routes = routes.stream().sorted(Comparator.comparingInt((Route r) -> r.prefix.length()).reversed()).toList();
    }

    /** One route; {@code prefix} is an https URL such as {@code https://orders.example:8443/api/}. */
    public static OutboundRoutes of(String prefix, String audience, Collection<String> scopes) {
        return builder().route(prefix, audience, scopes).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The target for {@code uri}, or empty when no route matches (then no token is attached). */
    public Optional<Target> targetFor(URI uri) {
        if (uri == null || uri.getScheme() == null || uri.getHost() == null) {
            return Optional.empty();
        }
        if (!"https".equalsIgnoreCase(uri.getScheme())) {
            return Optional.empty();
        }
        int port = uri.getPort() != -1 ? uri.getPort() : 443;
        String host = uri.getHost();
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        for (Route r : routes) {
            if (r.port == port && r.host.equalsIgnoreCase(host) && path.startsWith(r.path)) {
                return r.found;
            }
        }
        return Optional.empty();
    }

    /**
     * The audience and scopes a route asks a token for.
     *
     * @param audience the resource server
     * @param scopes   the scopes to request, sorted and without duplicates
     */
    public record Target(String audience, List<String> scopes) {
        public Target {
            if (audience == null || audience.isBlank()) {
                throw new IllegalArgumentException("a route needs an audience");
            }
            scopes = List.copyOf(new java.util.TreeSet<>(scopes));
        }

        /** A target for {@code audience} and {@code scopes} in any order. */
        public static Target of(String audience, Collection<String> scopes) {
            return new Target(audience, List.copyOf(scopes));
        }
    }

    private record Route(String host, int port, String path, String prefix, Optional<Target> found) {
    }

    /** Builds {@link OutboundRoutes}. Not thread-safe. */
    public static final class Builder {
        private final List<Route> routes = new ArrayList<>();

        private Builder() {
        }

        /** Calls under the https URL {@code prefix} get a token for {@code audience} and {@code scopes}. */
        public Builder route(String prefix, String audience, Collection<String> scopes) {
            URI uri = TokenAgentConfigChecks.https(prefix, "route prefix");
            String host = uri.getHost().toLowerCase(Locale.ROOT);
            int port = uri.getPort() == -1 ? 443 : uri.getPort();
            String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            routes.add(new Route(host, port, path, host + ":" + port + path, Optional.of(Target.of(audience, scopes))));
            return this;
        }

        public OutboundRoutes build() {
            if (routes.isEmpty()) {
                throw new IllegalArgumentException("configure at least one route (URL prefix, audience, scopes)");
            }
            return new OutboundRoutes(routes);
        }
    }
}
