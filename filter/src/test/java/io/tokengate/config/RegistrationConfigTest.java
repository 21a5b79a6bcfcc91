package io.tokengate.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokengate.registry.SecretHash;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The two registration options, kept apart from {@link AuthorizationServerConfigTest}. */
class RegistrationConfigTest {
    private static final String ISSUER = "https://as.example.test";
    private static final String HASH = SecretHash.sha256Of("admin-token").encoded();

    @Test
    void builderWhenNothingSetThenDefaultPathAndRegistrationOff() {
        AuthorizationServerConfig config = AuthorizationServerConfig.builder(ISSUER).build();

        assertEquals("/oauth2/v1/register", config.registrationPath());
        assertEquals(ISSUER + "/oauth2/v1/register", config.registrationEndpoint());
        assertEquals(Optional.empty(), config.registrationAdminTokenHash());
    }

    @Test
    void fromParametersWhenBothSetThenMapped() {
        AuthorizationServerConfig config = config(Map.of("registration-path", "/admin/clients",
                "registration-admin-token-hash", HASH));

        assertEquals("/admin/clients", config.registrationPath());
        assertEquals(HASH, config.registrationAdminTokenHash().orElseThrow().encoded());
        assertTrue(config.registrationAdminTokenHash().orElseThrow().matches("admin-token"));
    }

    @Test
    void fromParametersWhenHashNotAHashThenRefusedNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> config(Map.of("registration-admin-token-hash", "admin-token")));

        assertTrue(e.getMessage().startsWith("registration-admin-token-hash: "), e.getMessage());
    }

    @Test
    void fromParametersWhenPathEndsWithSlashThenRefusedNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> config(Map.of("registration-path", "/register/")));

        assertTrue(e.getMessage().startsWith("registration-path must not end with '/'"), e.getMessage());
    }

    @Test
    void fromParametersWhenPathIsTheTokenPathThenRefusedNamingBoth() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> config(Map.of("registration-path", "/oauth2/v1/token")));

        assertTrue(e.getMessage().contains("token-path") && e.getMessage().contains("registration-path"), e.getMessage());
    }

    private static AuthorizationServerConfig config(Map<String, String> parameters) {
        Map<String, String> all = new java.util.HashMap<>(parameters);
        all.put("issuer", ISSUER);
        return AuthorizationServerConfig.fromParameters(all::get);
    }
}
