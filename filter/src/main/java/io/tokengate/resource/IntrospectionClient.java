package io.tokengate.resource;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * Asks the authorization server about one token (RFC 7662 §2.1): {@code POST} of
 * {@code token} and {@code token_type_hint=access_token} as a form, authenticated as the resource
 * server with {@code client_secret_basic} (RFC 6749 §2.3.1: id and secret form-url-encoded, then
 * Base64) or over mutual TLS with {@code client_id} in the form ({@code tls_client_auth}, RFC 8705
 * §2; the certificate is the HTTP client's). The endpoint is the configured one or the metadata's
 * {@code introspection_endpoint}, discovered on first use and kept once found. Every failure is an
 * {@link IOException} whose message says what to fix and never contains the token. Thread-safe.
 */
final class IntrospectionClient {
    static final int MAX_BYTES = 64 * 1024;

    private final Optional<URI> configured;
    private final MetadataDiscovery discovery;
    private final HttpClient http;
    private final String clientId;
    private final Optional<String> basic;
    private final Duration timeout;
    private volatile URI endpoint;

    IntrospectionClient(Optional<URI> configured, MetadataDiscovery discovery, HttpClient http, String clientId,
            Optional<String> secret, Duration timeout) {
        this.configured = configured;
        this.discovery = discovery;
        this.http = http;
        this.clientId = clientId;
        this.basic = secret.map(s -> "Basic " + Base64.getEncoder().encodeToString(
                (form(clientId) + ":" + form(s)).getBytes(StandardCharsets.UTF_8)));
        this.timeout = timeout;
    }

    /**
     * @return the members of the RFC 7662 §2.2 answer; {@code active} is a boolean
     * @throws IOException when the endpoint cannot be found or reached, answers other than 200,
     *         or answers with something other than a JSON object with a boolean {@code active}
     */
    Map<String, Object> introspect(String token) throws IOException {
        URI uri = endpoint();
        String form = "token=" + form(token) + "&token_type_hint=access_token"
                + (basic.isPresent() ? "" : "&client_id=" + form(clientId));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8));
        basic.ifPresent(b -> request.header("Authorization", b));
        HttpResponse<InputStream> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while introspecting at " + uri);
        } catch (IOException e) {
            throw new IOException("the introspection endpoint " + uri + " could not be reached: " + describe(e), e);
        }
        String body;
        try (InputStream in = response.body()) {
            byte[] bytes = in.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw new IOException("the introspection endpoint " + uri + " answered with more than " + MAX_BYTES
                        + " bytes");
            }
            body = new String(bytes, StandardCharsets.UTF_8);
        }
        if (response.statusCode() != 200) {
            throw new IOException("the introspection endpoint " + uri + " answered HTTP " + response.statusCode()
                    + errorOf(body) + hint(response.statusCode()));
        }
        try {
            Map<String, Object> answer = JSONObjectUtils.parse(body);
            if (!(answer.get("active") instanceof Boolean)) {
                throw new IOException("the answer of the introspection endpoint " + uri + " has no boolean active member"
                        + " (RFC 7662 §2.2)");
            }
            return answer;
        } catch (ParseException e) {
            throw new IOException("the introspection endpoint " + uri + " did not answer with a JSON object", e);
        }
    }

    private URI endpoint() throws IOException {
        URI uri = endpoint;
        if (uri == null) {
            uri = configured.isPresent() ? configured.get() : discovery.endpoint("introspection_endpoint");
            endpoint = uri;
        }
        return uri;
    }

    /** {@code ": invalid_client (description)"} from an RFC 6749 §5.2 error body, or nothing. */
    private static String errorOf(String body) {
        try {
            Map<String, Object> error = JSONObjectUtils.parse(body);
            String code = JSONObjectUtils.getString(error, "error");
            String description = JSONObjectUtils.getString(error, "error_description");
            return code == null ? "" : ": " + Descriptions.shorten(code)
                    + (description == null ? "" : " (" + printable(description) + ")");
        } catch (ParseException | RuntimeException e) {
            return "";
        }
    }

    /** At most 300 printable ASCII characters: the server's description, for the log. */
    private static String printable(String value) {
        StringBuilder b = new StringBuilder();
        value.chars().limit(300).forEach(c -> b.append(c >= 0x20 && c <= 0x7e ? (char) c : '?'));
        return b.toString();
    }

    private String hint(int status) {
        return status == 400 || status == 401 || status == 403
                ? "; check that client " + clientId + " is registered there with the credentials in "
                + IntrospectionSettings.CLIENT_SECRET + " or " + IntrospectionSettings.CLIENT_CERTIFICATE
                : "";
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : " " + message);
    }

    private static String form(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        URI uri = endpoint;
        return uri != null ? uri.toString() : configured.map(URI::toString)
                .orElse("the introspection_endpoint in " + discovery);
    }
}
