package io.tokengate.resource;

import com.nimbusds.jose.jwk.JWKSet;
import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Duration;

/**
 * Finds the {@code jwks_uri} in the issuer's authorization server metadata (RFC 8414 §3, read by
 * {@link MetadataDiscovery}) on first load, then loads the JWK set from it. Discovery is retried
 * on each load until it succeeds; after that the {@code jwks_uri} is kept.
 */
final class DiscoveringJwkSetLoader implements JwkSetLoader {
    private final MetadataDiscovery discovery;
    private final HttpClient http;
    private final Duration timeout;
    private volatile HttpJwkSetLoader jwks;

    DiscoveringJwkSetLoader(MetadataDiscovery discovery, HttpClient http, Duration timeout) {
        this.discovery = discovery;
        this.http = http;
        this.timeout = timeout;
    }

    @Override
    public JWKSet load() throws IOException {
        HttpJwkSetLoader loader = jwks;
        if (loader == null) {
            loader = new HttpJwkSetLoader(discovery.endpoint("jwks_uri"), http, timeout);
            jwks = loader;
        }
        return loader.load();
    }

    @Override
    public String toString() {
        HttpJwkSetLoader loader = jwks;
        return loader != null ? loader.toString() : "the jwks_uri in " + discovery;
    }
}
