package io.tokengate.resource;

import com.nimbusds.jose.jwk.JWKSet;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;

/**
 * Where a {@link JwksKeySource} gets the issuer's public keys (RFC 7517 §5): a fixed set, a local
 * file, a {@code jwks_uri}, or the {@code jwks_uri} of the issuer's RFC 8414 metadata. Each call
 * to {@link #load()} reads afresh; caching and rate limiting are the key source's job.
 * Implementations are thread-safe.
 */
public interface JwkSetLoader {
    /**
     * @return the public keys now published
     * @throws IOException when they cannot be read or are not a JWK set
     */
    JWKSet load() throws IOException;

    /** Always {@code set}. */
    static JwkSetLoader of(JWKSet set) {
        JWKSet published = set.toPublicJWKSet();
        return new JwkSetLoader() {
            @Override
            public JWKSet load() {
                return published;
            }

            @Override
            public String toString() {
                return "a fixed JWK set";
            }
        };
    }

    /** The JWK set in {@code file}, read again on each load so that a rotated file is picked up. */
    static JwkSetLoader file(Path file) {
        return new JwkSetLoader() {
            @Override
            public JWKSet load() throws IOException {
                return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
            }

            @Override
            public String toString() {
                return file.toString();
            }
        };
    }

    /** GET {@code jwksUri}, at most 512 KiB, within {@code timeout}. */
    static JwkSetLoader uri(URI jwksUri, HttpClient http, Duration timeout) {
        return new HttpJwkSetLoader(jwksUri, http, timeout);
    }

    /** The {@code jwks_uri} named by the RFC 8414 metadata of {@code issuer}, discovered on first load. */
    static JwkSetLoader discovered(String issuer, URI metadataUri, HttpClient http, Duration timeout) {
        return new DiscoveringJwkSetLoader(new MetadataDiscovery(issuer, metadataUri, http, timeout), http, timeout);
    }

    /** The {@code jwks_uri} named by metadata that {@code discovery} reads (and may share with introspection). */
    static JwkSetLoader discovered(MetadataDiscovery discovery, HttpClient http, Duration timeout) {
        return new DiscoveringJwkSetLoader(discovery, http, timeout);
    }

    /** The public keys of a JWK set document; private parts, if any, are dropped. */
    static JWKSet parse(String json, String source) throws IOException {
        try {
            return JWKSet.parse(json).toPublicJWKSet();
        } catch (ParseException e) {
            throw new IOException(source + " is not a JWK set: " + e.getMessage(), e);
        }
    }
}
