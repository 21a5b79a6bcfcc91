package io.tokengate.endpoint;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tokengate.cert.Certificates;
import io.tokengate.config.AuthorizationServerConfig;
import io.tokengate.registry.RegistryFile;
import io.tokengate.store.jdbc.JdbcStores;
import io.tokengate.store.jdbc.RegistryImport;
import io.tokengate.user.UserFile;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds an {@link AuthorizationServer} on the JDBC stores when {@code jdbc-url} is configured:
 * clients, roles, resource servers, trusted issuers, users, refresh tokens, replay records, the
 * denylist and the signing keys all live in the database. A configured registry file seeds an
 * empty database ({@link RegistryImport}); users of the users file it lacks are added.
 */
final class DatabaseServers {
    private static final Logger LOG = LoggerFactory.getLogger(DatabaseServers.class);

    private DatabaseServers() {
    }

    static AuthorizationServer fromConfig(AuthorizationServerConfig config) {
        JdbcStores stores = JdbcStores.open(config.database().orElseThrow(), new JdbcStores.Options(
                config.signingAlgorithm(), AuthorizationServer.Builder.providerOf(config), config.accessTokenLifetime(),
                config.clockSkew(), Clock.systemUTC(), new SecureRandom(), true));
        try {
            ObjectMapper json = new ObjectMapper();
            config.registryFile().ifPresent(file -> {
                int created = RegistryImport.importRegistry(new RegistryFile(json).load(file), stores.registry(),
                        stores.clients());
                if (created < 0) {
                    LOG.info("Registry file {} not imported: the database already holds the registry", file);
                } else {
                    LOG.info("Registry file {} imported into the empty database: {} clients", file, created);
                }
            });
            config.usersFile().ifPresent(file -> RegistryImport.importUsers(UserFile.load(file, json).users(),
                    stores.users()));
            return AuthorizationServer.builder(config)
                    .clientStore(stores.clients()).resources(stores.registry()).issuers(stores.registry())
                    .users(stores.users()).refreshTokenStore(stores.refreshTokens()).replayCache(stores.replayCache())
                    .denylist(stores.denylist()).keys(stores.signingKeys())
                    .trustAnchors(config.trustAnchorsFile().map(Certificates::read).orElse(List.of()))
                    .closing(stores)
                    .build();
        } catch (RuntimeException e) {
            stores.close();
            throw e;
        }
    }
}
