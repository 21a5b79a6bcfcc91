package io.tokengate.registry;

import java.util.Objects;
import java.util.Set;

/**
 * An application role that can be granted to clients; its privileges are scopes of resource
 * servers, written fully qualified (audience followed by the scope, e.g.
 * {@code https://api.example.com/orders.read}). Immutable.
 */
public record ApplicationRole(String name, Set<String> scopes) {
    public ApplicationRole {
        Objects.requireNonNull(name, "name");
        scopes = Set.copyOf(scopes);
    }
}
