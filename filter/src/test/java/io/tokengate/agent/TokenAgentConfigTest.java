package io.tokengate.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokengate.testing.IssuedCertificate;
import io.tokengate.testing.TestCertificates;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class TokenAgentConfigTest {
    private static final IssuedCertificate CLIENT = TestCertificates.create().clientIssuedByRoot("CN=agent");
    private static final ClientKeyMaterial KEY = ClientKeyMaterial.of(CLIENT.privateKey(), CLIENT.certificate());

    private static TokenAgentConfig.Builder secretClient() {
        return TokenAgentConfig.builder("agent").tokenEndpoint("https://as.example/oauth2/v1/token").clientSecret("s3cret")
                .keyMaterial(KEY);
    }

    @Test
    void buildWhenSecretClientThenDefaults() {
        TokenAgentConfig config = secretClient().build();

        assertEquals(ClientAuth.CLIENT_SECRET_BASIC, config.clientAuth());
        assertEquals(UserGrant.JWT_BEARER, config.userGrant());
        assertEquals(ClientGrant.CLIENT_CREDENTIALS, config.clientGrant());
        assertEquals(3, config.maxAttempts());
        assertTrue(config.presentsCertificate());
    }

    @Test
    void toStringWhenSecretSetThenSecretNotShown() {
        assertFalse(secretClient().build().toString().contains("s3cret"));
        assertFalse(KEY.toString().contains(CLIENT.privateKey().toString()));
    }

    @Test
    void buildWhenNeitherIssuerNorTokenEndpointThenNamesBoth() {
        assertMessage(() -> TokenAgentConfig.builder("agent").clientSecret("s").keyMaterial(KEY).build(), "issuer",
                "tokenEndpoint");
    }

    @Test
    void buildWhenBothIssuerAndTokenEndpointThenRefused() {
        assertMessage(() -> secretClient().issuer("https://as.example").build(), "not both");
    }

    @Test
    void tokenEndpointWhenNotHttpsThenRefused() {
        assertMessage(() -> TokenAgentConfig.builder("agent").tokenEndpoint("http://as.example/token"), "tokenEndpoint",
                "https");
    }

    @Test
    void buildWhenSecretAuthWithoutSecretThenNamesClientSecret() {
        assertMessage(() -> TokenAgentConfig.builder("agent").tokenEndpoint("https://as.example/t").keyMaterial(KEY).build(),
                "clientSecret");
    }

    @Test
    void buildWhenPrivateKeyJwtWithoutKeyThenNamesKeyMaterial() {
        assertMessage(() -> TokenAgentConfig.builder("agent").tokenEndpoint("https://as.example/t")
                .clientAuth(ClientAuth.PRIVATE_KEY_JWT).build(), "keyMaterial");
    }

    @Test
    void buildWhenTlsClientAuthGrantWithSecretAuthThenNamesBothOptions() {
        assertMessage(() -> secretClient().clientGrant(ClientGrant.TLS_CLIENT_AUTH).build(), "clientGrant", "clientAuth");
    }

    @Test
    void buildWhenNoKeyAndNoAssertionSourceThenClientOnlyAgent() {
        TokenAgentConfig clientOnly = TokenAgentConfig.builder("agent").tokenEndpoint("https://as.example/t")
                .clientSecret("s").build();
        assertFalse(clientOnly.canAssertUsers());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> TokenAgent.create(clientOnly,
                () -> java.util.Optional.of("alice")).accessToken("https://api/", java.util.List.of("read")));
        assertTrue(e.getMessage().contains("assertionSource"));
        TokenAgentConfig thirdParty = TokenAgentConfig.builder("agent").tokenEndpoint("https://as.example/t")
                .clientSecret("s").assertionSource((subject, endpoint) -> "jwt").build();
        assertFalse(thirdParty.presentsCertificate());
        assertTrue(thirdParty.canAssertUsers());
    }

    @Test
    void buildWhenAcquireTimeoutShorterThanRequestTimeoutThenNamesBoth() {
        assertMessage(() -> secretClient().requestTimeout(Duration.ofSeconds(10)).acquireTimeout(Duration.ofSeconds(5)).build(),
                "acquireTimeout", "requestTimeout");
    }

    @Test
    void buildWhenRefreshAheadShorterThanSkewThenNamesBoth() {
        assertMessage(() -> secretClient().refreshAhead(Duration.ofSeconds(5)).expirySkew(Duration.ofSeconds(30)).build(),
                "refreshAhead", "expirySkew");
    }

    @Test
    void retriesWhenAttemptsOutOfRangeThenRefused() {
        assertMessage(() -> secretClient().retries(0, Duration.ofMillis(10), Duration.ofMillis(10)).build(), "maxAttempts");
        assertMessage(() -> secretClient().retries(3, Duration.ofMillis(100), Duration.ofMillis(10)).build(), "maxBackoff");
    }

    @Test
    void durationsWhenNotPositiveThenNamed() {
        assertMessage(() -> secretClient().connectTimeout(Duration.ZERO), "connectTimeout");
        assertMessage(() -> secretClient().requestTimeout(Duration.ofSeconds(-1)), "requestTimeout");
    }

    @Test
    void parseWhenRegisteredNamesThenEnums() {
        assertEquals(ClientAuth.PRIVATE_KEY_JWT, ClientAuth.parse("private_key_jwt"));
        assertEquals(UserGrant.SAML2_BEARER, UserGrant.parse("saml2-bearer"));
        assertEquals(UserGrant.JWT_BEARER, UserGrant.parse("urn:ietf:params:oauth:grant-type:jwt-bearer"));
        assertEquals(ClientGrant.TLS_CLIENT_AUTH, ClientGrant.parse("tls_client_auth"));
        assertMessage(() -> ClientAuth.parse("magic"), "magic");
    }

    private static void assertMessage(Executable build, String... fragments) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, build);
        for (String fragment : fragments) {
            assertTrue(e.getMessage().contains(fragment), () -> "'" + e.getMessage() + "' should name " + fragment);
        }
    }
}
