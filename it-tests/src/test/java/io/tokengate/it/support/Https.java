package io.tokengate.it.support;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.StringJoiner;

/** One request and its answer with {@link HttpClient}: the few shapes the tests send. */
public final class Https {
    public static final String FORM = "application/x-www-form-urlencoded";
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private Https() {
    }

    /** {@code POST} of a form body, with extra {@code headers} as name, value pairs. */
    public static HttpAnswer postForm(HttpClient client, String url, String body, String... headers) {
        return post(client, url, FORM, body, headers);
    }

    /** {@code POST} of {@code body} as {@code contentType}, with extra {@code headers} as name, value pairs. */
    public static HttpAnswer post(HttpClient client, String url, String contentType, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(client, request.build());
    }

    /** Any method with {@code body} as {@code contentType} ({@code PUT} of JSON, …), with {@code headers} as name, value pairs. */
    public static HttpAnswer send(HttpClient client, String method, String url, String contentType, String body,
            String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
                .header("Content-Type", contentType)
                .method(method, HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(client, request.build());
    }

    /** An {@code application/x-www-form-urlencoded} body from name, value pairs, each percent-encoded. */
    public static String form(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("form parameters come in name, value pairs");
        }
        StringJoiner body = new StringJoiner("&");
        for (int i = 0; i < namesAndValues.length; i += 2) {
            body.add(URLEncoder.encode(namesAndValues[i], StandardCharsets.UTF_8) + "="
                    + URLEncoder.encode(namesAndValues[i + 1], StandardCharsets.UTF_8));
        }
        return body.toString();
    }

    /** The {@code Authorization} value of HTTP Basic client authentication (RFC 6749 §2.3.1). */
    public static String basic(String clientId, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((URLEncoder.encode(clientId, StandardCharsets.UTF_8) + ":"
                + URLEncoder.encode(secret, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
    }

    /** A request without body ({@code GET}, {@code POST} with an empty one, …), with {@code headers} as name, value pairs. */
    public static HttpAnswer request(HttpClient client, String method, String url, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
                .method(method, HttpRequest.BodyPublishers.noBody());
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(client, request.build());
    }

    public static HttpAnswer get(HttpClient client, String url) {
        return send(client, HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).GET().build());
    }

    private static HttpAnswer send(HttpClient client, HttpRequest request) {
        try {
            return HttpAnswer.of(client.send(request, HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            throw new AssertionError(request.method() + " " + request.uri() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted: " + request.method() + " " + request.uri(), e);
        }
    }
}
