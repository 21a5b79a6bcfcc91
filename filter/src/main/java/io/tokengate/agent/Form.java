package io.tokengate.agent;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One token request as it goes on the wire: form parameters (RFC 6749 §4, {@code
 * application/x-www-form-urlencoded}) and the optional {@code Authorization} header of
 * {@code client_secret_basic}. Built per attempt, since assertions are single-use.
 */
final class Form {
    private final Map<String, String> parameters = new LinkedHashMap<>();
    private Optional<String> authorization = Optional.empty();

    Form put(String name, String value) {
        parameters.put(name, value);
        return this;
    }

    Form authorization(String value) {
        this.authorization = Optional.of(value);
        return this;
    }

    Optional<String> authorization() {
        return authorization;
    }

    String grantType() {
        return parameters.getOrDefault("grant_type", "");
    }

    String encoded() {
        return parameters.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
