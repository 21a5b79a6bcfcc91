package io.tokengate.cert.validation;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * {@link RevocationTransport} over {@link HttpClient}: HTTP/1.1, no redirects (a responder that
 * redirects is misconfigured or attacked), the policy's timeout on connecting and on the answer,
 * and bodies of at most 1 MiB (OCSP) or 32 MiB (CRL).
 */
final class HttpRevocationTransport implements RevocationTransport {
    private static final int MAX_OCSP_BYTES = 1 << 20;
    private static final int MAX_CRL_BYTES = 32 << 20;

    private final HttpClient client;

    HttpRevocationTransport(Duration connectTimeout) {
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(connectTimeout).build();
    }

    @Override
    public byte[] post(URI uri, String contentType, byte[] body, Duration timeout) throws IOException {
        return send(HttpRequest.newBuilder(uri).timeout(timeout).header("Content-Type", contentType)
                .header("Accept", "application/ocsp-response")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), MAX_OCSP_BYTES);
    }

    @Override
    public byte[] get(URI uri, Duration timeout) throws IOException {
        return send(HttpRequest.newBuilder(uri).timeout(timeout).GET().build(), MAX_CRL_BYTES);
    }

    private byte[] send(HttpRequest request, int limit) throws IOException {
        HttpResponse<InputStream> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while asking " + request.uri());
        }
        try (InputStream in = response.body()) {
            if (response.statusCode() != 200) {
                throw new IOException(request.uri() + " answered HTTP " + response.statusCode());
            }
            byte[] body = in.readNBytes(limit + 1);
            if (body.length > limit) {
                throw new IOException(request.uri() + " sent more than " + limit + " bytes");
            }
            return body;
        }
    }
}
