package io.tokengate.store.jdbc;

import io.tokengate.registry.Client;
import io.tokengate.registry.ClientStore;
import io.tokengate.registry.InMemoryRegistry;
import io.tokengate.user.User;
import java.util.Collection;

/**
 * Seeds the database from the registry and users files: what the database lacks is added (clients
 * through {@link ClientStore#create}, the path the registration API takes), what it has is left
 * alone, so the database stays the truth once it holds an entry and a restart changes nothing.
 */
public final class RegistryImport {
    private RegistryImport() {
    }

    /** Adds the file's resource servers, roles and issuers that are missing, then its clients; returns how many clients were created. */
    public static int importRegistry(InMemoryRegistry file, JdbcRegistry registry, ClientStore clients) {
        java.util.Set<String> audiences = new java.util.HashSet<>();
        registry.resourceServers().forEach(r -> audiences.add(r.audience()));
        file.resourceServers().stream().filter(r -> !audiences.contains(r.audience())).forEach(registry::saveResourceServer);
        file.roles().stream().filter(r -> registry.findRole(r.name()).isEmpty()).forEach(registry::saveRole);
        file.trustedIssuers().stream().filter(i -> registry.findIssuer(i.issuer()).isEmpty()).forEach(registry::saveIssuer);
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
