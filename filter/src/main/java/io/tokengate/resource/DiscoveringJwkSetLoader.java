package io.tokengate.resource;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.text.ParseException;
import java.time.Duration;
import java.util.Map;

/**
 * Finds the {@code jwks_uri} in the issuer's authorization server metadata (RFC 8414 §3) on first
 * load, then loads the JWK set from it. The metadata is read from the RFC 8414 §3.1 location
 * ({@code /.well-known/oauth-authorization-server} inserted before the issuer's path); for an
 * issuer with a path that answers 404 there, from the issuer URL with the suffix appended (the
 * form RFC 8414 §5 mentions, and where a servlet context serves it). The metadata's
 * {@code issuer} must equal the configured issuer (RFC 8414 §3.3). Discovery is retried on each
 * load until it succeeds; after that the {@code jwks_uri} is kept.
 */
final class DiscoveringJwkSetLoader implements JwkSetLoader {
    private static final String SUFFIX = "/.well-known/oauth-authorization-server";

    private final String issuer;
    private final URI metadataUri;
    private final HttpClient http;
    private final Duration timeout;
    private volatile HttpJwkSetLoader jwks;

    DiscoveringJwkSetLoader(String issuer, URI metadataUri, HttpClient http, Duration timeout) {
        this.issuer = issuer;
        this.metadataUri = metadataUri;
        this.http = http;
        this.timeout = timeout;
    }

    @Override
    public JWKSet load() throws IOException {
        HttpJwkSetLoader loader = jwks;
        if (loader == null) {
            loader = new HttpJwkSetLoader(discover(), http, timeout);
            jwks = loader;
        }
        return loader.load();
    }

    private URI discover() throws IOException {
        String json;
        try {
            json = HttpJwkSetLoader.get(http, metadataUri, timeout, "application/json");
        } catch (HttpJwkSetLoader.HttpStatusException e) {
            URI appended = URI.create(stripSlash(issuer) + SUFFIX);
            if (e.status() != 404 || appended.equals(metadataUri)) {
                throw e;
            }
            json = HttpJwkSetLoader.get(http, appended, timeout, "application/json");
        }
        try {
            Map<String, Object> metadata = JSONObjectUtils.parse(json);
            String named = JSONObjectUtils.getString(metadata, "issuer");
            if (!issuer.equals(named)) {
                throw new IOException("the metadata at " + metadataUri + " names issuer '" + named + "', not '" + issuer
                        + "' (RFC 8414 §3.3)");
            }
            String jwksUri = JSONObjectUtils.getString(metadata, "jwks_uri");
            if (jwksUri == null) {
                throw new IOException("the metadata of " + issuer + " has no jwks_uri");
            }
            return URI.create(ConfigChecks.url("jwks_uri", jwksUri));
        } catch (ParseException | IllegalArgumentException e) {
            throw new IOException("the metadata of " + issuer + " is unusable: " + e.getMessage(), e);
        }
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    @Override
    public String toString() {
        HttpJwkSetLoader loader = jwks;
        return loader != null ? loader.toString() : "the jwks_uri in " + metadataUri;
    }
}
