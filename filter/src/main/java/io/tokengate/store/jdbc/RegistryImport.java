package io.tokengate.store.jdbc;

import io.tokengate.registry.Client;
import io.tokengate.registry.ClientStore;
import io.tokengate.registry.InMemoryRegistry;
import io.tokengate.user.User;
import java.util.Collection;

/**
 * Seeds the database from the registry and users files. The registry file is imported into a
 * database that holds no registry yet (no client, role, resource server or trusted issuer), clients
 * through {@link ClientStore#create}, the path the registration API takes; once the database holds a
 * registry it is the truth, so a restart neither resurrects a deleted client nor undoes a change.
 * Users of the users file that the database lacks are added; existing users are left alone.
 */
public final class RegistryImport {
    private RegistryImport() {
    }

    /**
     * Imports the file's resource servers, roles, issuers and clients into an empty registry.
     *
     * @return how many clients were created; -1 when the database already held a registry and nothing was imported
     */
    public static int importRegistry(InMemoryRegistry file, JdbcRegistry registry, ClientStore clients) {
        if (!clients.list().isEmpty() || !registry.resourceServers().isEmpty() || !registry.trustedIssuers().isEmpty()) {
            return -1;
        }
        file.resourceServers().forEach(registry::saveResourceServer);
        file.roles().forEach(registry::saveRole);
        file.trustedIssuers().forEach(registry::saveIssuer);
        int created = 0;
        for (Client c : file.clients()) {
            if (clients.create(c)) {
                created++;
            }
        }
        return created;
    }

    /** Adds the users that are missing; returns how many were created. */
    public static int importUsers(Collection<User> users, JdbcUserDirectory directory) {
        int created = 0;
        for (User u : users) {
            if (directory.create(u)) {
                created++;
            }
        }
        return created;
    }
}
