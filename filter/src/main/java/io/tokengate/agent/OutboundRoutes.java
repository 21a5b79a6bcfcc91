package io.tokengate.agent;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

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
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort() != -1 ? uri.getPort() : "https".equals(scheme) ? 443 : 80;
        String origin = scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + port;
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        for (Route r : routes) {
            if (r.origin.equals(origin) && path.startsWith(r.path)) {
                return Optional.of(r.target);
            }
        }
        return Optional.empty();
    }

    /**
     * The audience and scopes a route asks a token for.
     *
     * @param audience the resource server
     * @param scopes   the scopes to request
     */
    public record Target(String audience, Set<String> scopes) {
        public Target {
            if (audience == null || audience.isBlank()) {
                throw new IllegalArgumentException("a route needs an audience");
            }
            scopes = Set.copyOf(scopes);
        }
    }

    private record Route(String origin, String path, String prefix, Target target) {
    }

    /** Builds {@link OutboundRoutes}. Not thread-safe. */
    public static final class Builder {
        private final List<Route> routes = new ArrayList<>();

        private Builder() {
        }

        /** Calls under the https URL {@code prefix} get a token for {@code audience} and {@code scopes}. */
        public Builder route(String prefix, String audience, Collection<String> scopes) {
            URI uri = TokenAgentConfigChecks.https(prefix, "route prefix");
            String origin = "https://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + (uri.getPort() == -1 ? 443 : uri.getPort());
            String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            routes.add(new Route(origin, path, origin + path, new Target(audience, Set.copyOf(scopes))));
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
