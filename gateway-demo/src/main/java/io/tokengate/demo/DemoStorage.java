package io.tokengate.demo;

import io.tokengate.config.AuthorizationServerConfig;
import io.tokengate.config.DatabaseConfig;
import io.tokengate.endpoint.AuthorizationServer;
import io.tokengate.store.jdbc.JdbcSigningKeys;
import java.nio.file.Path;

/**
 * Where the demo keeps its state: H2 in file mode in the data directory by default, so
 * {@code ./demo.sh} keeps clients, refresh tokens, revocations, replay records and signing keys
 * across restarts, or the PostgreSQL a fleet shares ({@code --jdbc-url}). The key-encryption key
 * that seals the signing keys in the database is the data directory's {@value #KEY_ENCRYPTION_KEY}.
 */
final class DemoStorage {
    static final String DATABASE = "tokengate-db";
    static final String KEY_ENCRYPTION_KEY = "key-encryption.key";

    private DemoStorage() {
    }

    static AuthorizationServerConfig.Builder configure(AuthorizationServerConfig.Builder config, Path data,
            DemoOptions.Cluster cluster) {
        config.jdbcUrl(cluster.jdbcUrl().orElse(DatabaseConfig.h2FileUrl(data.resolve(DATABASE))))
                .keyEncryptionKeyFile(data.resolve(KEY_ENCRYPTION_KEY));
        cluster.jdbcUser().ifPresent(config::jdbcUser);
        cluster.jdbcPassword().ifPresent(config::jdbcPassword);
        return config;
    }

    /** The rotation command: a new signing key, current on every node after the cache TTL. */
    static void rotate(AuthorizationServer server) {
        if (server.keys() instanceof JdbcSigningKeys keys) {
            System.out.println("Signing key rotated: new key " + keys.rotate());
        }
    }
}
