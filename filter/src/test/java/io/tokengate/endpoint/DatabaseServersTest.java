package io.tokengate.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokengate.config.AuthorizationServerConfig;
import io.tokengate.config.DatabaseConfig;
import io.tokengate.registry.ClientStore;
import io.tokengate.registry.SecretHash;
import io.tokengate.testing.TestClients;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link AuthorizationServer#fromConfig} with {@code jdbc-url}: the database is the truth across restarts. */
class DatabaseServersTest {
    @TempDir
    Path dir;

    @Test
    void fromConfigWhenRestartedThenRegistrySeededOnceKeysAndChangesKept() throws Exception {
        Path registry = dir.resolve("registry.json");
        Files.writeString(registry, """
                {
                  "resource_servers": [ { "audience": "https://api.example.test/", "scopes": ["orders.read"] } ],
                  "application_roles": [ { "name": "reader", "scopes": ["https://api.example.test/orders.read"] } ],
                  "clients": [ {
                      "client_id": "seeded", "application_type": "confidential", "client_type": "confidential",
                      "grant_types": ["client_credentials"], "token_endpoint_auth_methods": ["client_secret_basic"],
                      "client_secret_hash": "%s", "roles": ["reader"] } ]
                }
                """.formatted(SecretHash.sha256Of("s3cret-s3cret-s3cret").encoded()), StandardCharsets.UTF_8);
        // web.xml init-params, as a servlet container hands them over
        Map<String, String> params = Map.of(
                "issuer", "https://as.example.test",
                "registry-file", registry.toString(),
                "jdbc-url", DatabaseConfig.h2FileUrl(dir.resolve("db")),
                "key-encryption-key-file", dir.resolve("kek").toString());
        String kid;
        try (AuthorizationServer first = AuthorizationServer.fromConfig(AuthorizationServerConfig.fromParameters(params::get))) {
            ClientStore clients = assertInstanceOf(ClientStore.class, first.clients());
            assertTrue(clients.findClient("seeded").isPresent());
            assertTrue(clients.delete("seeded"));
            assertTrue(clients.create(TestClients.secret("registered").role("reader").build()));
            kid = first.keys().current().keyId();
        }

        try (AuthorizationServer second = AuthorizationServer.fromConfig(AuthorizationServerConfig.fromParameters(params::get))) {
            ClientStore clients = (ClientStore) second.clients();
            assertEquals(Optional.empty(), clients.findClient("seeded"), "a deleted client is not re-seeded");
            assertTrue(clients.findClient("registered").isPresent());
            assertEquals(kid, second.keys().current().keyId(), "the signing key survived the restart");
        }
    }
}
