package io.tokengate.registration;

import java.util.List;
import java.util.Set;

/**
 * The grants this server's token endpoint serves, and which of them a public client (a mobile
 * application) may use, so a registration can be refused for a grant that could never work.
 * Immutable.
 *
 * @param served              every {@code grant_type} the token endpoint serves, in the order listed in errors
 * @param openToPublicClients those a mobile application may use (the grant handler's {@code allowsPublicClients})
 */
public record GrantCatalog(List<String> served, Set<String> openToPublicClients) {
    public GrantCatalog {
        served = List.copyOf(served);
        openToPublicClients = Set.copyOf(openToPublicClients);
        if (!served.containsAll(openToPublicClients)) {
            throw new IllegalArgumentException("grants open to public clients must be served: " + openToPublicClients);
        }
    }
}
