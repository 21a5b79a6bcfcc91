package io.tokengate.resource;

import java.net.http.HttpClient;
import java.time.Clock;
import java.util.Optional;

/**
 * What {@link BearerTokenFilter} is built from, made from its configuration: the JWT validator and,
 * when introspection is on, the introspector, sharing one HTTP client and one metadata discovery
 * (so the issuer's RFC 8414 metadata is read once for {@code jwks_uri} and
 * {@code introspection_endpoint}). No HTTP client at all when the keys come from a file and
 * nothing is introspected.
 */
record FilterParts(AccessTokenValidator validator, Optional<TokenIntrospector> introspector) {

    static FilterParts fromConfig(ResourceServerConfig config) {
        Clock clock = Clock.systemUTC();
        boolean introspects = config.introspection().mode() != IntrospectionMode.OFF;
        boolean keysFromFile = config.jwksUri().isEmpty() && config.jwksFile().isPresent();
        if (keysFromFile && !introspects) {
            return new FilterParts(AccessTokenValidator.fromConfig(config), Optional.empty());
        }
        HttpClient http = OutboundHttp.client(config);
        MetadataDiscovery discovery = new MetadataDiscovery(config.issuer(), config.metadataUri(), http,
                config.jwksTimeout());
        AccessTokenValidator validator = new AccessTokenValidator(config,
                JwksKeySource.fromConfig(config, http, discovery, clock), clock);
        return new FilterParts(validator, introspects
                ? Optional.of(TokenIntrospector.fromConfig(config, http, discovery, clock)) : Optional.empty());
    }
}
