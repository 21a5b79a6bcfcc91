package io.tokengate.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The requests of the load runs that issue refresh tokens, as the demo's web application
 * ({@code demo-web-app}, HTTP Basic) sends them for the demo user {@code alice}: the password grant
 * with {@code offline_access} and the refresh token grant. Reads the secrets from the demo's data
 * directory. Immutable.
 */
final class RefreshGrants {
    private static final Pattern REFRESH_TOKEN = Pattern.compile("\"refresh_token\":\"([^\"]+)\"");

    private final URI url;
    private final String authorization;
    private final String passwordForm;

    private RefreshGrants(URI url, String authorization, String passwordForm) {
        this.url = url;
        this.authorization = authorization;
        this.passwordForm = passwordForm;
    }

    static RefreshGrants fromDemo(Path data, URI url, String scope) {
        try {
            String secret = Files.readString(data.resolve("demo-web-app.secret"), StandardCharsets.UTF_8).trim();
            String password = Files.readString(data.resolve("demo-user.password"), StandardCharsets.UTF_8).trim();
            String basic = "Basic " + Base64.getEncoder().encodeToString(("demo-web-app:" + secret)
                    .getBytes(StandardCharsets.UTF_8));
            String form = "grant_type=password&username=alice&password=" + enc(password) + "&scope="
                    + enc(scope + " offline_access");
            return new RefreshGrants(url, basic, form);
        } catch (IOException e) {
            throw new UncheckedIOException("the demo's data directory lacks the web application's secrets", e);
        }
    }

    HttpRequest password() {
        return post(passwordForm);
    }

    HttpRequest refresh(String refreshToken) {
        return post("grant_type=refresh_token&refresh_token=" + enc(refreshToken));
    }

    /**
     * One client's requests for {@code grant}: {@code password} sends the password grant every time;
     * {@code refresh_token} sends it once, then rotates the refresh token of each answer.
     */
    java.util.function.Supplier<LoadWindow.Requests> perClient(String grant) {
        boolean rotate = "refresh_token".equals(grant);
        return () -> new LoadWindow.Requests() {
            private String refreshToken;

            @Override
            public HttpRequest next() {
                return rotate && refreshToken != null ? refresh(refreshToken) : password();
            }

            @Override
            public void answered(java.net.http.HttpResponse<String> response) {
                refreshToken = refreshTokenOf(response.body());
            }
        };
    }

    static String refreshTokenOf(String body) {
        Matcher m = REFRESH_TOKEN.matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("the token response carries no refresh_token");
        }
        return m.group(1);
    }

    private HttpRequest post(String form) {
        return HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded;charset=UTF-8")
                .header("Authorization", authorization)
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
