package io.tokengate.it.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

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
