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

    static AuthorizationServer fromConfig(AuthorizationServerConfig config,
            io.tokengate.cert.validation.CertificateTrustConfig certificates) {
        ObjectMapper json = new ObjectMapper();
        RegistryFile registryFile = new RegistryFile(json);
        io.tokengate.registry.CertificateTrust trust = config.registryFile()
                .map(f -> registryFile.loadCertificateTrust(f, certificates.defaultPolicy()))
                .orElse(io.tokengate.registry.CertificateTrust.none());
        List<java.security.cert.X509Certificate> anchors = config.trustAnchorsFile().map(Certificates::read)
                .orElse(List.of());
        var validator = new io.tokengate.cert.validation.CachingCertificateValidator(
                certificates.settings(anchors, trust.anchors(), trust.intermediates(), config.clockSkew()),
                Clock.systemUTC());
        JdbcStores stores = JdbcStores.open(config.database().orElseThrow(), new JdbcStores.Options(
                config.signingAlgorithm(), AuthorizationServer.Builder.providerOf(config), config.accessTokenLifetime(),
                config.clockSkew(), Clock.systemUTC(), new SecureRandom(), true));
        try {
            config.registryFile().ifPresent(file -> {
                var registry = registryFile.load(file);
                var imports = io.tokengate.cert.validation.CertificateImportCheck.atLoad(validator);
                for (var client : registry.clients()) {
                    try {
                        io.tokengate.registry.ClientProfiles.checkCertificates(client, imports);
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("registry file " + file + ": " + e.getMessage(), e);
                    }
                }
                int created = RegistryImport.importRegistry(registry, stores.registry(), stores.clients());
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
                    .trustAnchors(anchors).certificateValidator(validator)
                    .closing(stores)
                    .build();
        } catch (RuntimeException e) {
            stores.close();
            throw e;
        }
    }
}
