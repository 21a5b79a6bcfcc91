package io.tokengate.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import io.tokengate.config.AuthorizationServerConfig.SigningProvider;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AuthorizationServerConfigTest {
    private static final String ISSUER = "https://as.example.test";

    @Test
    void builderWhenOnlyIssuerThenDefaults() {
        AuthorizationServerConfig config = AuthorizationServerConfig.builder(ISSUER).build();

        assertEquals(ISSUER, config.issuer());
        assertEquals("/oauth2/v1/token", config.tokenPath());
        assertEquals("/oauth2/v1/keys", config.jwksPath());
        assertEquals("/oauth2/v1/revoke", config.revocationPath());
        assertEquals("/oauth2/v1/introspect", config.introspectionPath());
        assertEquals(ISSUER + "/oauth2/v1/revoke", config.revocationEndpoint());
        assertEquals(ISSUER + "/oauth2/v1/introspect", config.introspectionEndpoint());
        assertEquals(Optional.empty(), config.mtlsBaseUrl());
        assertEquals(64 * 1024, config.maxBodyBytes());
        assertEquals(Duration.ofHours(1), config.accessTokenLifetime());
        assertEquals(JWSAlgorithm.ES256, config.signingAlgorithm());
        assertEquals(SigningProvider.BOUNCY_CASTLE, config.signingProvider());
        assertEquals(Optional.empty(), config.signingKeyFile());
        assertEquals(Optional.empty(), config.registryFile());
        assertEquals(Optional.empty(), config.trustAnchorsFile());
        assertTrue(config.trustedProxies().isEmpty());
        assertEquals("tokengate", config.realm());
        assertEquals(Optional.empty(), config.usersFile());
        assertEquals(Duration.ofDays(30), config.refreshTokenLifetime());
        assertEquals(Optional.empty(), config.refreshTokenFamilyLifetime());
    }

    @Test
    void builderWhenIssuerHasTrailingSlashThenStrippedAndEndpointsJoined() {
        AuthorizationServerConfig config = AuthorizationServerConfig.builder(ISSUER + "/tenant/").build();

        assertEquals(ISSUER + "/tenant", config.issuer());
        assertEquals(ISSUER + "/tenant/oauth2/v1/token", config.tokenEndpoint());
        assertEquals(ISSUER + "/tenant/oauth2/v1/keys", config.jwksUri());
    }

    @Test
    void fromParametersWhenOnlyIssuerThenSameAsBuilderDefaults() {
        assertEquals(AuthorizationServerConfig.builder(ISSUER).build(),
                AuthorizationServerConfig.fromParameters(Map.of("issuer", ISSUER)::get));
    }

    @Test
    void fromParametersWhenEveryInitParamSetThenEachMapped() {
        Map<String, String> params = new HashMap<>();
        params.put("issuer", ISSUER + "/");
        params.put("token-path", "/token");
        params.put("jwks-path", "/jwks");
        params.put("mtls-base-url", "https://mtls.as.example.test:8443/");
        params.put("max-body-bytes", "4096");
        params.put("access-token-lifetime", "PT15M");
        params.put("signing-algorithm", "ps256");
        params.put("signing-provider", "jdk");
        params.put("signing-key-file", "/var/lib/tokengate/signing.jwk");
        params.put("registry-file", "/etc/tokengate/registry.json");
        params.put("trust-anchors-file", "/etc/tokengate/ca.pem");
        params.put("trusted-proxies", "10.0.0.5, 192.168.0.0/16 ::1");
        params.put("realm", "orders");
        params.put("revocation-path", "/revoke");
        params.put("introspection-path", "/introspect");
        params.put("users-file", "/etc/tokengate/users.json");
        params.put("refresh-token-lifetime", "P7D");
        params.put("refresh-token-family-lifetime", "P90D");

        AuthorizationServerConfig config = AuthorizationServerConfig.fromParameters(params::get);

        assertEquals(ISSUER, config.issuer());
        assertEquals("/token", config.tokenPath());
        assertEquals("/jwks", config.jwksPath());
        assertEquals("/revoke", config.revocationPath());
        assertEquals("/introspect", config.introspectionPath());
        assertEquals(Optional.of("https://mtls.as.example.test:8443"), config.mtlsBaseUrl());
        assertEquals(4096, config.maxBodyBytes());
        assertEquals(Duration.ofMinutes(15), config.accessTokenLifetime());
        assertEquals(JWSAlgorithm.PS256, config.signingAlgorithm());
        assertEquals(SigningProvider.JDK, config.signingProvider());
        assertEquals(Optional.of(Path.of("/var/lib/tokengate/signing.jwk")), config.signingKeyFile());
        assertEquals(Optional.of(Path.of("/etc/tokengate/registry.json")), config.registryFile());
        assertEquals(Optional.of(Path.of("/etc/tokengate/ca.pem")), config.trustAnchorsFile());
        assertTrue(config.trustedProxies().contains("10.0.0.5"));
        assertTrue(config.trustedProxies().contains("192.168.200.1"));
        assertTrue(config.trustedProxies().contains("::1"));
        assertFalse(config.trustedProxies().contains("10.0.0.6"));
        assertEquals("orders", config.realm());
        assertEquals(Optional.of(Path.of("/etc/tokengate/users.json")), config.usersFile());
        assertEquals(Duration.ofDays(7), config.refreshTokenLifetime());
        assertEquals(Optional.of(Duration.ofDays(90)), config.refreshTokenFamilyLifetime());
    }

    @Test
    void fromParametersWhenValueBlankThenDefaultUsed() {
        AuthorizationServerConfig config = AuthorizationServerConfig.fromParameters(
                Map.of("issuer", ISSUER, "token-path", "  ", "access-token-lifetime", "")::get);

        assertEquals("/oauth2/v1/token", config.tokenPath());
        assertEquals(Duration.ofHours(1), config.accessTokenLifetime());
    }

    @Test
    void fromParametersWhenLifetimeInSecondsThenParsed() {
        assertEquals(Duration.ofSeconds(900), config("access-token-lifetime", "900").accessTokenLifetime());
    }

    @ParameterizedTest
    @ValueSource(strings = {"bc", "BouncyCastle", "bouncy-castle"})
    void fromParametersWhenBouncyCastleSpelledAnyAcceptedWayThenBouncyCastle(String value) {
        assertEquals(SigningProvider.BOUNCY_CASTLE, config("signing-provider", value).signingProvider());
    }

    @Test
    void fromParametersWhenIssuerMissingThenRefusedNamingIt() {
        assertRefusedNaming("issuer", () -> AuthorizationServerConfig.fromParameters(Map.<String, String>of()::get));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://as.example.test", "as.example.test", "https://as.example.test/?tenant=a",
        "https://as.example.test/#x", "https:///path", "https://as example.test"})
    void fromParametersWhenIssuerNotHttpsUrlThenRefusedNamingIt(String issuer) {
        assertRefusedNaming("issuer", () -> AuthorizationServerConfig.fromParameters(Map.of("issuer", issuer)::get));
    }

    @ParameterizedTest
    @ValueSource(strings = {"an hour", "1h", "-5", "PT"})
    void fromParametersWhenLifetimeMalformedThenRefusedNamingIt(String value) {
        assertRefusedNaming("access-token-lifetime", () -> config("access-token-lifetime", value));
    }

    @ParameterizedTest
    @ValueSource(strings = {"5", "PT25H", "PT-1H", "0"})
    void fromParametersWhenLifetimeOutOfRangeThenRefusedNamingIt(String value) {
        assertRefusedNaming("access-token-lifetime", () -> config("access-token-lifetime", value));
    }

    @ParameterizedTest
    @ValueSource(strings = {"HS256", "ES512", "none", "EdDSA", "SHA256withECDSA"})
    void fromParametersWhenSigningAlgorithmUnsupportedThenRefusedNamingIt(String value) {
        assertRefusedNaming("signing-algorithm", () -> config("signing-algorithm", value));
    }

    @Test
    void fromParametersWhenSigningProviderUnknownThenRefusedNamingIt() {
        assertRefusedNaming("signing-provider", () -> config("signing-provider", "sunpkcs11"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"proxy.example.test", "10.0.0.0/33", "10.0.0.1, /0", "localhost"})
    void fromParametersWhenTrustedProxyMalformedThenRefusedNamingIt(String value) {
        assertRefusedNaming("trusted-proxies", () -> config("trusted-proxies", value));
    }

    @Test
    void fromParametersWhenMaxBodyBytesNotNumberThenRefusedNamingIt() {
        assertRefusedNaming("max-body-bytes", () -> config("max-body-bytes", "64k"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1023", "16777217"})
    void fromParametersWhenMaxBodyBytesOutOfRangeThenRefusedNamingIt(String value) {
        assertRefusedNaming("max-body-bytes", () -> config("max-body-bytes", value));
    }

    @ParameterizedTest
    @ValueSource(strings = {"oauth2/token", "/token?x=1", "/token#x"})
    void fromParametersWhenTokenPathNotAbsolutePathThenRefusedNamingIt(String value) {
        assertRefusedNaming("token-path", () -> config("token-path", value));
    }

    @Test
    void fromParametersWhenJwksPathRelativeThenRefusedNamingIt() {
        assertRefusedNaming("jwks-path", () -> config("jwks-path", "keys"));
    }

    @Test
    void fromParametersWhenMtlsBaseUrlNotHttpsThenRefusedNamingIt() {
        assertRefusedNaming("mtls-base-url", () -> config("mtls-base-url", "http://mtls.as.example.test"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"say \"hi\"", "back\\slash"})
    void fromParametersWhenRealmCouldBreakChallengeThenRefusedNamingIt(String value) {
        assertRefusedNaming("realm", () -> config("realm", value));
    }

    @ParameterizedTest
    @ValueSource(strings = {"59", "P366D", "soon"})
    void fromParametersWhenRefreshTokenLifetimeOutOfRangeThenRefusedNamingIt(String value) {
        assertRefusedNaming("refresh-token-lifetime", () -> config("refresh-token-lifetime", value));
    }

    @Test
    void fromParametersWhenFamilyLifetimeShorterThanRefreshTokenLifetimeThenRefusedNamingBoth() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AuthorizationServerConfig
                .fromParameters(Map.of("issuer", ISSUER, "refresh-token-family-lifetime", "P7D")::get));

        assertTrue(e.getMessage().contains("refresh-token-family-lifetime"), e.getMessage());
        assertTrue(e.getMessage().contains("refresh-token-lifetime (PT720H)"), e.getMessage());
    }

    @Test
    void builderWhenRefreshTokenFamilyLifetimeEqualsLifetimeThenAccepted() {
        AuthorizationServerConfig config = AuthorizationServerConfig.builder(ISSUER)
                .refreshTokenLifetime(Duration.ofDays(1)).refreshTokenFamilyLifetime(Duration.ofDays(1)).build();

        assertEquals(Optional.of(Duration.ofDays(1)), config.refreshTokenFamilyLifetime());
    }

    private static AuthorizationServerConfig config(String name, String value) {
        return AuthorizationServerConfig.fromParameters(Map.of("issuer", ISSUER, name, value)::get);
    }

    private static void assertRefusedNaming(String option, Executable build) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, build);
        assertTrue(e.getMessage().contains(option), () -> "expected the option '" + option + "' in: " + e.getMessage());
    }

    @Test
    void buildWhenRevocationPathNotAPathThenFailsNamingOption() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> AuthorizationServerConfig.builder(ISSUER).revocationPath("revoke").build());

        assertTrue(e.getMessage().startsWith("revocation-path"), e.getMessage());
    }

    @Test
    void buildWhenIntrospectionPathEqualsTokenPathThenFailsNamingBoth() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> AuthorizationServerConfig.builder(ISSUER).introspectionPath("/oauth2/v1/token").build());

        assertTrue(e.getMessage().contains("token-path") && e.getMessage().contains("introspection-path"),
                e.getMessage());
    }
}
