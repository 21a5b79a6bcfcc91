package io.tokengate.registry;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * An immutable registry held in memory, checked for consistency when built: every role a client
 * is granted exists, and every scope a role grants is defined by a resource server.
 */
public final class InMemoryRegistry implements ClientRegistry, ResourceRegistry, TrustedIssuerRegistry {
    private final Map<String, Client> clients;
    private final Map<String, ApplicationRole> roles;
    private final List<ResourceServer> resourceServers;
    private final Map<String, ResourceServer> serverByScope;
    private final Map<String, TrustedIssuer> issuers;

    /** @throws IllegalArgumentException naming the client, role or scope that does not fit */
    public InMemoryRegistry(Collection<Client> clients, Collection<ApplicationRole> roles,
            Collection<ResourceServer> resourceServers) {
        this(clients, roles, resourceServers, List.of());
    }

    /** @throws IllegalArgumentException naming the client, role, scope or issuer that does not fit */
    public InMemoryRegistry(Collection<Client> clients, Collection<ApplicationRole> roles,
            Collection<ResourceServer> resourceServers, Collection<TrustedIssuer> trustedIssuers) {
        this.issuers = index(trustedIssuers, TrustedIssuer::issuer, "trusted issuer");
        this.clients = index(clients, Client::clientId, "client");
        this.roles = index(roles, ApplicationRole::name, "application role");
        this.resourceServers = List.copyOf(resourceServers);
        Map<String, ResourceServer> byScope = new HashMap<>();
        for (ResourceServer server : resourceServers) {
            for (String scope : server.qualifiedScopes()) {
                if (byScope.putIfAbsent(scope, server) != null) {
                    throw new IllegalArgumentException("scope " + scope + " is defined by two resource servers");
                }
            }
        }
        this.serverByScope = Map.copyOf(byScope);
        for (ApplicationRole role : roles) {
            for (String scope : role.scopes()) {
                if (!serverByScope.containsKey(scope)) {
                    throw new IllegalArgumentException("application role " + role.name() + " grants scope " + scope
                            + ", which no resource server defines (write it as the audience followed by the scope)");
                }
            }
        }
        for (Client client : clients) {
            for (String role : client.roles()) {
                if (!this.roles.containsKey(role)) {
                    throw new IllegalArgumentException("client " + client.clientId() + " is granted application role "
                            + role + ", which is not defined");
                }
            }
        }
    }

    private static <T> Map<String, T> index(Collection<T> items, Function<T, String> key, String what) {
        return items.stream().collect(Collectors.toUnmodifiableMap(key, Function.identity(), (a, b) -> {
            throw new IllegalArgumentException("two " + what + "s share the name " + key.apply(a));
        }));
    }

    @Override
    public Optional<Client> findClient(String clientId) {
        return Optional.ofNullable(clients.get(clientId));
    }

    @Override
    public Optional<ApplicationRole> findRole(String name) {
        return Optional.ofNullable(roles.get(name));
    }

    @Override
    public Optional<ResourceServer> findResourceServerForScope(String qualifiedScope) {
        return Optional.ofNullable(serverByScope.get(qualifiedScope));
    }

    @Override
    public Collection<ResourceServer> resourceServers() {
        return resourceServers;
    }

    @Override
    public Optional<TrustedIssuer> findIssuer(String issuer) {
        return Optional.ofNullable(issuers.get(issuer));
    }

    @Override
    public Collection<TrustedIssuer> trustedIssuers() {
        return issuers.values();
    }

    public Collection<Client> clients() {
        return clients.values();
    }

    public Collection<ApplicationRole> roles() {
        return roles.values();
    }
}
