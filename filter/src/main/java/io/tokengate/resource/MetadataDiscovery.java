package io.tokengate.resource;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.text.ParseException;
import java.time.Duration;
import java.util.Map;

/**
 * The issuer's authorization server metadata (RFC 8414 §3), read on first use and kept once read,
 * so that the JWK set loader ({@code jwks_uri}) and the token introspector
 * ({@code introspection_endpoint}) share one fetch. The metadata is read from the RFC 8414 §3.1
 * location ({@code /.well-known/oauth-authorization-server} inserted before the issuer's path);
 * for an issuer with a path that answers 404 there, from the issuer URL with the suffix appended
 * (the form RFC 8414 §5 mentions, and where a servlet context serves it). The metadata's
 * {@code issuer} must equal the configured issuer (RFC 8414 §3.3). A failed read is retried on the
 * next use. Thread-safe.
 */
final class MetadataDiscovery {
    private static final String SUFFIX = "/.well-known/oauth-authorization-server";

    private final String issuer;
    private final URI metadataUri;
    private final HttpClient http;
    private final Duration timeout;
    private volatile Map<String, Object> metadata;

    MetadataDiscovery(String issuer, URI metadataUri, HttpClient http, Duration timeout) {
        this.issuer = issuer;
        this.metadataUri = metadataUri;
        this.http = http;
        this.timeout = timeout;
    }

    /**
     * The URL the metadata publishes as {@code member}, e.g. {@code jwks_uri}.
     *
     * @throws IOException when the metadata cannot be read, names another issuer, lacks the member
     *         or holds something other than an https URL there
     */
    URI endpoint(String member) throws IOException {
        Map<String, Object> m = metadata;
        if (m == null) {
            m = fetch();
            metadata = m;
        }
        try {
            String value = JSONObjectUtils.getString(m, member);
            if (value == null) {
                throw new IOException("the metadata of " + issuer + " at " + metadataUri + " has no " + member);
            }
            return URI.create(ConfigChecks.url(member, value));
        } catch (ParseException | IllegalArgumentException e) {
            throw new IOException("the " + member + " in the metadata of " + issuer + " is unusable: " + e.getMessage(), e);
        }
    }

    private Map<String, Object> fetch() throws IOException {
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
            Map<String, Object> parsed = JSONObjectUtils.parse(json);
            String named = JSONObjectUtils.getString(parsed, "issuer");
            if (!issuer.equals(named)) {
                throw new IOException("the metadata at " + metadataUri + " names issuer '" + named + "', not '" + issuer
                        + "' (RFC 8414 §3.3)");
            }
            return parsed;
        } catch (ParseException e) {
            throw new IOException("the metadata of " + issuer + " is not a JSON object: " + e.getMessage(), e);
        }
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    @Override
    public String toString() {
        return metadataUri.toString();
    }
}
