package io.tokengate.registry;

import java.util.Collection;
import java.util.Optional;

/** Looks up application roles and resource servers, to turn granted roles into scopes and audiences. Thread-safe. */
public interface ResourceRegistry {
    Optional<ApplicationRole> findRole(String name);

    /** The resource server that defines a fully qualified scope. */
    Optional<ResourceServer> findResourceServerForScope(String qualifiedScope);

    Collection<ResourceServer> resourceServers();
}
