package io.tokengate.resource;

import com.nimbusds.jose.JWSAlgorithm;
import io.tokengate.cert.TrustedProxies;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/** Range checks and init-param parsing for {@link ResourceServerConfig}; every message names the option. */
final class ConfigChecks {
    private ConfigChecks() {
    }

    static ResourceServerConfig read(Function<String, String> parameters) {
        Function<String, Optional<String>> p = name -> Optional.ofNullable(parameters.apply(name))
                .map(String::trim).filter(s -> !s.isEmpty());
        ResourceServerConfig.Builder b = ResourceServerConfig.builder(
                p.apply(ResourceServerConfig.ISSUER).orElseThrow(() -> new IllegalArgumentException("init-param '"
                        + ResourceServerConfig.ISSUER + "' is required (the iss of the tokens to accept)")),
                p.apply(ResourceServerConfig.AUDIENCE).orElseThrow(() -> new IllegalArgumentException("init-param '"
                        + ResourceServerConfig.AUDIENCE + "' is required (this resource server's identifier in aud)")));
        p.apply(ResourceServerConfig.JWKS_URI).ifPresent(v -> b.jwksUri(URI.create(url(ResourceServerConfig.JWKS_URI, v))));
        p.apply(ResourceServerConfig.JWKS_FILE).ifPresent(v -> b.jwksFile(Path.of(v)));
        p.apply(ResourceServerConfig.ALLOWED_ALGORITHMS).ifPresent(v -> b.allowedAlgorithms(algorithms(v)));
        p.apply(ResourceServerConfig.CLOCK_SKEW).ifPresent(v -> b.clockSkew(duration(ResourceServerConfig.CLOCK_SKEW, v)));
        p.apply(ResourceServerConfig.REALM).ifPresent(b::realm);
        p.apply(ResourceServerConfig.ALLOW_QUERY_TOKEN).ifPresent(v -> b.allowQueryToken(bool(
                ResourceServerConfig.ALLOW_QUERY_TOKEN, v)));
        p.apply(ResourceServerConfig.SCOPE_RULES).ifPresent(v -> b.scopeRules(scopeRules(v)));
        p.apply(ResourceServerConfig.TRUSTED_PROXIES).ifPresent(v -> b.trustedProxies(trustedProxies(v)));
        p.apply(ResourceServerConfig.CACHE_MAX_SIZE).ifPresent(v -> b.cacheMaxSize(number(
                ResourceServerConfig.CACHE_MAX_SIZE, v)));
        p.apply(ResourceServerConfig.JWKS_REFETCH_INTERVAL).ifPresent(v -> b.jwksRefetchInterval(duration(
                ResourceServerConfig.JWKS_REFETCH_INTERVAL, v)));
        p.apply(ResourceServerConfig.JWKS_TTL).ifPresent(v -> b.jwksTtl(duration(ResourceServerConfig.JWKS_TTL, v)));
        p.apply(ResourceServerConfig.JWKS_TIMEOUT).ifPresent(v -> b.jwksTimeout(duration(ResourceServerConfig.JWKS_TIMEOUT, v)));
        p.apply(ResourceServerConfig.TLS_TRUST_FILE).ifPresent(v -> b.tlsTrustFile(Path.of(v)));
        b.introspection(introspection(p));
        return b.build();
    }

    /**
     * An https URL without query or fragment; plain http only to a loopback host (tests, a sidecar).
     *
     * @return {@code value}
     */
    static String url(String name, String value) {
        URI uri;
        try {
            uri = URI.create(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " '" + value + "' is not a URL");
        }
        boolean secure = "https".equals(uri.getScheme()) || "http".equals(uri.getScheme()) && isLoopback(uri.getHost());
        if (!secure || uri.getHost() == null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException(name + " must be an https URL without query or fragment (http only to"
                    + " localhost), was '" + value + "'");
        }
        return value;
    }

    private static boolean isLoopback(String host) {
        return host != null && (host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]"));
    }

    static void between(String name, Duration value, Duration min, Duration max) {
        if (value == null || value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", was " + value);
        }
    }

    private static Set<JWSAlgorithm> algorithms(String value) {
        Set<JWSAlgorithm> out = new LinkedHashSet<>();
        for (String name : value.split("[,\\s]+")) {
            out.add(JWSAlgorithm.parse(name.toUpperCase(Locale.ROOT)));
        }
        return out;
    }

    private static ScopeRules scopeRules(String value) {
        try {
            return ScopeRules.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(ResourceServerConfig.SCOPE_RULES + ": " + e.getMessage(), e);
        }
    }

    private static TrustedProxies trustedProxies(String value) {
        try {
            return TrustedProxies.of(Arrays.asList(value.split("[,\\s]+")));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(ResourceServerConfig.TRUSTED_PROXIES + ": " + e.getMessage(), e);
        }
    }

    private static boolean bool(String name, String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(name + " must be true or false, was '" + value + "'");
        };
    }

    private static long number(String name, String value) {
        try {
            return Long.parseLong(value.replace("_", "").replace(",", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, was '" + value + "'");
        }
    }

    private static IntrospectionSettings introspection(Function<String, Optional<String>> p) {
        IntrospectionSettings.Builder b = IntrospectionSettings.builder(p.apply(IntrospectionSettings.MODE)
                .map(v -> IntrospectionMode.parse(IntrospectionSettings.MODE, v)).orElse(IntrospectionMode.OFF));
        p.apply(IntrospectionSettings.ENDPOINT).ifPresent(v -> b.endpoint(URI.create(url(IntrospectionSettings.ENDPOINT, v))));
        p.apply(IntrospectionSettings.CLIENT_ID).ifPresent(b::clientId);
        Optional<String> secret = p.apply(IntrospectionSettings.CLIENT_SECRET);
        Optional<String> secretFile = p.apply(IntrospectionSettings.CLIENT_SECRET_FILE);
        if (secret.isPresent() && secretFile.isPresent()) {
            throw new IllegalArgumentException("set either " + IntrospectionSettings.CLIENT_SECRET + " or "
                    + IntrospectionSettings.CLIENT_SECRET_FILE + ", not both");
        }
        secret.or(() -> secretFile.map(ConfigChecks::secretFrom)).ifPresent(b::clientSecret);
        Optional<String> certificate = p.apply(IntrospectionSettings.CLIENT_CERTIFICATE);
        Optional<String> key = p.apply(IntrospectionSettings.CLIENT_KEY);
        if (certificate.isPresent() || key.isPresent()) {
            b.clientCertificate(certificate.map(Path::of).orElse(null), key.map(Path::of).orElse(null));
        }
        p.apply(IntrospectionSettings.ACTIVE_TTL).ifPresent(v -> b.activeTtl(duration(IntrospectionSettings.ACTIVE_TTL, v)));
        p.apply(IntrospectionSettings.INACTIVE_TTL).ifPresent(v -> b.inactiveTtl(duration(
                IntrospectionSettings.INACTIVE_TTL, v)));
        p.apply(IntrospectionSettings.TIMEOUT).ifPresent(v -> b.timeout(duration(IntrospectionSettings.TIMEOUT, v)));
        return b.build();
    }

    /** The first line of a secret file, trimmed: the file keeps the secret out of {@code web.xml}. */
    private static String secretFrom(String file) {
        try {
            String secret = java.nio.file.Files.readString(Path.of(file), java.nio.charset.StandardCharsets.UTF_8)
                    .lines().findFirst().orElse("").trim();
            if (secret.isEmpty()) {
                throw new IllegalArgumentException(IntrospectionSettings.CLIENT_SECRET_FILE + " " + file + " is empty");
            }
            return secret;
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(IntrospectionSettings.CLIENT_SECRET_FILE + ": cannot read " + file + ": "
                    + e.getMessage(), e);
        }
    }

    /** ISO-8601 ({@code PT30S}) or a number of seconds. */
    private static Duration duration(String name, String value) {
        try {
            return value.chars().allMatch(Character::isDigit) ? Duration.ofSeconds(Long.parseLong(value)) : Duration.parse(value);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(name + " must be seconds or an ISO-8601 duration such as PT30S, was '"
                    + value + "'");
        }
    }
}
