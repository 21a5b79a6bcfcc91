package io.tokengate.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ResourceServerConfigTest {
    private static final String ISSUER = "https://as.tokengate.test";
    private static final String AUDIENCE = "https://demo-api.tokengate.test";

    @Test
    void buildWhenOnlyRequiredOptionsThenDocumentedDefaults() {
        ResourceServerConfig c = ResourceServerConfig.builder(ISSUER, AUDIENCE).build();

        assertEquals(List.of(JWSAlgorithm.ES256, JWSAlgorithm.RS256, JWSAlgorithm.PS256), List.copyOf(c.allowedAlgorithms()));
        assertEquals(Duration.ofSeconds(60), c.clockSkew());
        assertFalse(c.allowQueryToken());
        assertEquals(100_000, c.cacheMaxSize());
        assertEquals(Duration.ofSeconds(30), c.jwksRefetchInterval());
        assertEquals(Duration.ofMinutes(5), c.jwksTtl());
        assertTrue(c.scopeRules().isEmpty());
        assertTrue(c.trustedProxies().isEmpty());
        assertEquals(Optional.empty(), c.jwksUri());
    }

    @Test
    void fromParametersWhenEveryOptionSetThenAllRead() {
        Map<String, String> p = Map.ofEntries(
                Map.entry("issuer", ISSUER), Map.entry("audience", AUDIENCE),
                Map.entry("jwks-uri", ISSUER + "/oauth2/v1/keys"), Map.entry("allowed-algorithms", "rs256, PS256"),
                Map.entry("clock-skew", "30"), Map.entry("realm", "orders"), Map.entry("allow-query-token", "TRUE"),
                Map.entry("scope-rules", "GET /api/*=" + AUDIENCE + "/orders.read"),
                Map.entry("trusted-proxies", "10.0.0.0/8 127.0.0.1"), Map.entry("cache-max-size", "5000"),
                Map.entry("jwks-refetch-interval", "PT10S"), Map.entry("jwks-ttl", "PT1H"), Map.entry("jwks-timeout", "2"));

        ResourceServerConfig c = ResourceServerConfig.fromParameters(p::get);

        assertEquals(Optional.of(URI.create(ISSUER + "/oauth2/v1/keys")), c.jwksUri());
        assertEquals(Set.of(JWSAlgorithm.RS256, JWSAlgorithm.PS256), c.allowedAlgorithms());
        assertEquals(Duration.ofSeconds(30), c.clockSkew());
        assertEquals("orders", c.realm());
        assertTrue(c.allowQueryToken());
        assertEquals(List.of(AUDIENCE + "/orders.read"), c.scopeRules().requiredScopes("GET", "/api/x"));
        assertTrue(c.trustedProxies().contains("10.1.2.3"));
        assertEquals(5000, c.cacheMaxSize());
        assertEquals(Duration.ofSeconds(10), c.jwksRefetchInterval());
        assertEquals(Duration.ofHours(1), c.jwksTtl());
        assertEquals(Duration.ofSeconds(2), c.jwksTimeout());
    }

    @Test
    void fromParametersWhenIssuerOrAudienceMissingThenRefusedNamingIt() {
        assertMessage("'issuer' is required", () -> ResourceServerConfig.fromParameters(Map.of("audience", AUDIENCE)::get));
        assertMessage("'audience' is required", () -> ResourceServerConfig.fromParameters(Map.of("issuer", ISSUER)::get));
    }

    @Test
    void buildWhenJwksUriAndJwksFileBothSetThenRefusedNamingBoth() {
        assertMessage("either jwks-uri or jwks-file", () -> ResourceServerConfig.builder(ISSUER, AUDIENCE)
                .jwksUri(URI.create(ISSUER + "/keys")).jwksFile(Path.of("keys.json")).build());
    }

    @Test
    void buildWhenHmacOrNoneAllowedThenRefused() {
        assertMessage("not HS256", () -> ResourceServerConfig.builder(ISSUER, AUDIENCE)
                .allowedAlgorithms(Set.of(JWSAlgorithm.RS256, JWSAlgorithm.HS256)).build());
        assertMessage("allowed-algorithms", () -> ResourceServerConfig.fromParameters(
                Map.of("issuer", ISSUER, "audience", AUDIENCE, "allowed-algorithms", "none")::get));
    }

    @Test
    void buildWhenPlainHttpOutsideLoopbackThenRefused() {
        assertMessage("jwks-uri must be an https URL", () -> ResourceServerConfig.builder(ISSUER, AUDIENCE)
                .jwksUri(URI.create("http://as.tokengate.test/keys")).build());
        assertMessage("issuer must be an https URL", () -> ResourceServerConfig.builder("http://as.tokengate.test",
                AUDIENCE).build());
    }

    @Test
    void buildWhenPlainHttpToLoopbackThenAccepted() {
        ResourceServerConfig c = ResourceServerConfig.builder("http://127.0.0.1:8080", AUDIENCE)
                .jwksUri(URI.create("http://localhost:8080/keys")).build();

        assertEquals("http://127.0.0.1:8080", c.issuer());
    }

    @Test
    void buildWhenTtlShorterThanRefetchIntervalThenRefusedNamingBoth() {
        assertMessage("jwks-ttl (PT10S) must not be shorter than jwks-refetch-interval (PT30S)",
                () -> ResourceServerConfig.builder(ISSUER, AUDIENCE).jwksTtl(Duration.ofSeconds(10)).build());
    }

    @Test
    void buildWhenRealmHasQuoteThenRefused() {
        assertMessage("realm", () -> ResourceServerConfig.builder(ISSUER, AUDIENCE).realm("a\"b").build());
    }

    @Test
    void fromParametersWhenValueMalformedThenMessageNamesTheOption() {
        assertMessage("clock-skew", () -> ResourceServerConfig.fromParameters(
                Map.of("issuer", ISSUER, "audience", AUDIENCE, "clock-skew", "a minute")::get));
        assertMessage("cache-max-size", () -> ResourceServerConfig.fromParameters(
                Map.of("issuer", ISSUER, "audience", AUDIENCE, "cache-max-size", "-1")::get));
        assertMessage("scope-rules", () -> ResourceServerConfig.fromParameters(
                Map.of("issuer", ISSUER, "audience", AUDIENCE, "scope-rules", "get /a=x")::get));
        assertMessage("allow-query-token", () -> ResourceServerConfig.fromParameters(
                Map.of("issuer", ISSUER, "audience", AUDIENCE, "allow-query-token", "yes")::get));
        assertMessage("trusted-proxies", () -> ResourceServerConfig.fromParameters(
                Map.of("issuer", ISSUER, "audience", AUDIENCE, "trusted-proxies", "proxy.example")::get));
    }

    @Test
    void metadataUriWhenIssuerHasNoPathThenWellKnownAtRoot() {
        assertEquals(URI.create(ISSUER + "/.well-known/oauth-authorization-server"),
                ResourceServerConfig.builder(ISSUER, AUDIENCE).build().metadataUri());
    }

    @Test
    void metadataUriWhenIssuerHasPathThenWellKnownInsertedBeforeIt() {
        assertEquals(URI.create("https://as.tokengate.test/.well-known/oauth-authorization-server/tenant1"),
                ResourceServerConfig.builder("https://as.tokengate.test/tenant1", AUDIENCE).build().metadataUri());
    }

    private static void assertMessage(String part, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(part), () -> "expected '" + part + "' in: " + e.getMessage());
    }

    @Test
    void buildWhenIntrospectionNotSetThenOffWithDocumentedDefaults() {
        ResourceServerConfig c = ResourceServerConfig.builder(ISSUER, AUDIENCE).build();

        assertEquals(IntrospectionMode.OFF, c.introspection().mode());
        assertEquals(Duration.ofSeconds(30), c.introspection().activeTtl());
        assertEquals(Duration.ofSeconds(5), c.introspection().inactiveTtl());
        assertEquals(Duration.ofSeconds(5), c.introspection().timeout());
        assertEquals(AUDIENCE, c.introspectionClientId());
        assertEquals(Optional.empty(), c.tlsTrustFile());
    }

    @Test
    void fromParametersWhenIntrospectionOptionsSetThenAllRead(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        Path secret = java.nio.file.Files.writeString(dir.resolve("secret"), "from-a-file\n");
        Map<String, String> p = Map.of("issuer", ISSUER, "audience", AUDIENCE, "introspection-mode", "Opaque",
                "introspection-endpoint", ISSUER + "/introspect", "introspection-client-id", "orders-rs",
                "introspection-client-secret-file", secret.toString(), "introspection-cache-ttl", "0",
                "introspection-inactive-ttl", "PT2S", "introspection-timeout", "3", "tls-trust-file", "/etc/ca.pem");

        ResourceServerConfig c = ResourceServerConfig.fromParameters(p::get);

        assertEquals(IntrospectionMode.OPAQUE, c.introspection().mode());
        assertEquals(Optional.of(URI.create(ISSUER + "/introspect")), c.introspection().endpoint());
        assertEquals("orders-rs", c.introspectionClientId());
        assertEquals(Optional.of("from-a-file"), c.introspection().clientSecret());
        assertEquals(Duration.ZERO, c.introspection().activeTtl());
        assertEquals(Duration.ofSeconds(2), c.introspection().inactiveTtl());
        assertEquals(Duration.ofSeconds(3), c.introspection().timeout());
        assertEquals(Optional.of(Path.of("/etc/ca.pem")), c.tlsTrustFile());
    }

    @Test
    void fromParametersWhenClientCertificateAndKeySetThenMutualTls() {
        Map<String, String> p = Map.of("issuer", ISSUER, "audience", AUDIENCE, "introspection-mode", "all",
                "introspection-client-certificate", "/etc/rs.crt", "introspection-client-key", "/etc/rs.key");

        IntrospectionSettings s = ResourceServerConfig.fromParameters(p::get).introspection();

        assertTrue(s.mutualTls());
        assertEquals(Optional.of(Path.of("/etc/rs.key")), s.clientKeyFile());
    }

    @Test
    void buildWhenIntrospectionOnWithoutCredentialsThenRefusedNamingTheOptions() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> IntrospectionSettings.builder(IntrospectionMode.OPAQUE).build());

        assertTrue(e.getMessage().contains("introspection-client-secret"), e.getMessage());
        assertTrue(e.getMessage().contains("introspection-client-certificate"), e.getMessage());
    }

    @Test
    void buildWhenSecretAndCertificateBothSetThenRefusedNamingBoth() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> IntrospectionSettings.builder(IntrospectionMode.ALL).clientSecret("s")
                        .clientCertificate(Path.of("a.crt"), Path.of("a.key")).build());

        assertTrue(e.getMessage().startsWith("set either introspection-client-secret"), e.getMessage());
    }

    @Test
    void buildWhenCertificateWithoutKeyThenRefused() {
        assertThrows(IllegalArgumentException.class, () -> IntrospectionSettings.builder(IntrospectionMode.ALL)
                .clientCertificate(Path.of("a.crt"), null).build());
    }

    @Test
    void buildWhenIntrospectingEveryTokenAndJwksUriSetThenRefusedNamingBoth() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ResourceServerConfig.builder(ISSUER, AUDIENCE).jwksUri(URI.create(ISSUER + "/keys"))
                        .introspection(IntrospectionSettings.builder(IntrospectionMode.ALL).clientSecret("s").build())
                        .build());

        assertTrue(e.getMessage().contains("introspection-mode all") && e.getMessage().contains("jwks-uri"),
                e.getMessage());
    }

    @Test
    void fromParametersWhenModeUnknownThenRefusedNamingTheOption() {
        Map<String, String> p = Map.of("issuer", ISSUER, "audience", AUDIENCE, "introspection-mode", "sometimes");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ResourceServerConfig.fromParameters(p::get));

        assertEquals("introspection-mode must be off, opaque or all, was 'sometimes'", e.getMessage());
    }

    @Test
    void toStringWhenSecretConfiguredThenSecretNotShown() {
        ResourceServerConfig c = ResourceServerConfig.builder(ISSUER, AUDIENCE).introspection(
                IntrospectionSettings.builder(IntrospectionMode.OPAQUE).clientSecret("hunter2-secret").build()).build();

        assertFalse(c.toString().contains("hunter2-secret"), c.toString());
        assertTrue(c.toString().contains("secret hidden"), c.toString());
    }
}
