package io.tokengate.it.support;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What came back over the wire, whichever client fetched it: the status line as sent, the
 * headers (names compared case-insensitively) and the body. Immutable.
 *
 * @param statusLine the HTTP status line, e.g. {@code HTTP/1.1 200 OK}
 * @param status     the status code
 * @param headers    header values by name, case-insensitive
 * @param body       the body as UTF-8 text
 */
public record HttpAnswer(String statusLine, int status, Map<String, List<String>> headers, String body) {

    public HttpAnswer {
        TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> copy.merge(name, List.copyOf(values), (a, b) -> {
            List<String> both = new ArrayList<>(a);
            both.addAll(b);
            return List.copyOf(both);
        }));
        headers = java.util.Collections.unmodifiableMap(copy);
    }

    /** The answer of {@link java.net.http.HttpClient}. */
    public static HttpAnswer of(HttpResponse<String> response) {
        String version = response.version() == java.net.http.HttpClient.Version.HTTP_2 ? "HTTP/2" : "HTTP/1.1";
        return new HttpAnswer(version + " " + response.statusCode(), response.statusCode(),
                response.headers().map(), response.body());
    }

    /**
     * Parses what {@code curl -i} printed: the last status line and header block (curl prints one
     * per response, e.g. after {@code 100 Continue}), a blank line, then the body.
     */
    public static HttpAnswer parseCurlOutput(String output) {
        String rest = output;
        while (true) {
            int end = rest.indexOf("\r\n\r\n");
            if (!rest.startsWith("HTTP/") || end < 0) {
                throw new IllegalArgumentException("not the output of curl -i: " + output);
            }
            String head = rest.substring(0, end);
            rest = rest.substring(end + 4);
            if (rest.startsWith("HTTP/")) {
                continue;
            }
            String[] lines = head.split("\r\n");
            Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.computeIfAbsent(lines[i].substring(0, colon).trim(), k -> new ArrayList<>())
                        .add(lines[i].substring(colon + 1).trim());
            }
            return new HttpAnswer(lines[0].trim(), Integer.parseInt(lines[0].split(" ")[1]), headers, rest);
        }
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name)).flatMap(v -> v.stream().findFirst());
    }

    /** The media type of {@code Content-Type}, lower case, without parameters; empty when absent. */
    public String mediaType() {
        return header("Content-Type").map(v -> v.split(";", 2)[0].trim().toLowerCase(Locale.ROOT)).orElse("");
    }

    /** The body as a JSON object. */
    public Map<String, Object> json() {
        try {
            return JSONObjectUtils.parse(body);
        } catch (ParseException e) {
            throw new AssertionError("the body is not a JSON object: " + body, e);
        }
    }

    @Override
    public String toString() {
        return statusLine + " " + headers + "\n" + body;
    }
}
