package io.tokengate.resource;

import com.nimbusds.jose.jwk.JWKSet;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** GETs a JWK set from its {@code jwks_uri} (RFC 7517 §5, RFC 8414 §2) with a timeout and a size cap. */
final class HttpJwkSetLoader implements JwkSetLoader {
    static final int MAX_BYTES = 512 * 1024;

    private final URI uri;
    private final HttpClient http;
    private final Duration timeout;

    HttpJwkSetLoader(URI uri, HttpClient http, Duration timeout) {
        this.uri = uri;
        this.http = http;
        this.timeout = timeout;
    }

    @Override
    public JWKSet load() throws IOException {
        return JwkSetLoader.parse(get(http, uri, timeout, "application/jwk-set+json, application/json"), uri.toString());
    }

    /**
     * The body of a 200 answer to GET {@code uri}, decoded as UTF-8.
     *
     * @throws IOException on another status, a body over {@link #MAX_BYTES}, a timeout or a network failure
     */
    static String get(HttpClient http, URI uri, Duration timeout, String accept) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", accept).GET().build();
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    throw new HttpStatusException(uri, response.statusCode());
                }
                byte[] bytes = body.readNBytes(MAX_BYTES + 1);
                if (bytes.length > MAX_BYTES) {
                    throw new IOException(uri + " answered with more than " + MAX_BYTES + " bytes");
                }
                return new String(bytes, StandardCharsets.UTF_8);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while fetching " + uri);
        }
    }

    @Override
    public String toString() {
        return uri.toString();
    }

    /** A non-200 answer. */
    static final class HttpStatusException extends IOException {
        private static final long serialVersionUID = 1L;
        private final int status;

        HttpStatusException(URI uri, int status) {
            super(uri + " answered HTTP " + status);
            this.status = status;
        }

        int status() {
            return status;
        }
    }
}
