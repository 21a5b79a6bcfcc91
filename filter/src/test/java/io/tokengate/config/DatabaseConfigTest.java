package io.tokengate.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DatabaseConfigTest {
    private static final String ISSUER = "https://as.example.test";

    @Test
    void fromParametersWhenJdbcOptionsSetThenEachMapped() {
        AuthorizationServerConfig config = AuthorizationServerConfig.fromParameters(Map.of(
                "issuer", ISSUER,
                "jdbc-url", "jdbc:postgresql://db:5432/tg",
                "jdbc-user", "tg",
                "jdbc-password", "s3cret",
                "jdbc-pool-size", "20",
                "store-cache-ttl", "PT2S",
                "store-purge-interval", "60",
                "key-encryption-key-file", "/etc/tokengate/kek",
                "signing-key-rotation-period", "P30D")::get);

        DatabaseConfig db = config.database().orElseThrow();
        assertEquals(new DatabaseConfig("jdbc:postgresql://db:5432/tg", Optional.of("tg"), Optional.of("s3cret"), 20,
                Duration.ofSeconds(2), Path.of("/etc/tokengate/kek"), Optional.of(Duration.ofDays(30)),
                Duration.ofSeconds(60)), db);
        assertFalse(config.toString().contains("s3cret"), "the password is never printed");
    }

    @Test
    void buildWhenNoJdbcUrlThenNoDatabase() {
        assertEquals(Optional.empty(), AuthorizationServerConfig.builder(ISSUER).build().database());
    }

    @Test
    void buildWhenJdbcUrlWithoutKeyEncryptionKeyFileThenRefusedNamingTheOption() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AuthorizationServerConfig.builder(ISSUER).jdbcUrl("jdbc:h2:mem:x").build());

        assertTrue(e.getMessage().contains("key-encryption-key-file"), e.getMessage());
    }

    @Test
    void buildWhenJdbcUserWithoutJdbcUrlThenRefusedNamingBoth() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AuthorizationServerConfig.builder(ISSUER).jdbcUser("tg").build());

        assertTrue(e.getMessage().contains("jdbc-user") && e.getMessage().contains("jdbc-url"), e.getMessage());
    }

    @Test
    void buildWhenUrlIsNotJdbcThenRefusedNamingTheOption() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AuthorizationServerConfig
                .builder(ISSUER).jdbcUrl("postgres://db").keyEncryptionKeyFile(Path.of("k")).build());

        assertTrue(e.getMessage().startsWith("jdbc-url"), e.getMessage());
    }

    @Test
    void buildWhenSigningKeyFileWithJdbcUrlThenRefusedNamingBoth() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AuthorizationServerConfig
                .builder(ISSUER).jdbcUrl("jdbc:h2:mem:x").keyEncryptionKeyFile(Path.of("k"))
                .signingKeyFile(Path.of("key.jwk")).build());

        assertTrue(e.getMessage().startsWith("signing-key-file and jdbc-url"), e.getMessage());
    }
}
