package io.tokengate.registry;

import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A protected application: the audience URI that tokens for it carry in {@code aud}
 * (RFC 9068 §3) and the scopes it defines, each of which is requested fully qualified as
 * audience followed by scope. Immutable.
 */
public record ResourceServer(String audience, Set<String> scopes) {
    public ResourceServer {
        Objects.requireNonNull(audience, "audience");
        scopes = Set.copyOf(scopes);
    }

    /** The scopes as clients request them: audience followed by scope. */
    public Set<String> qualifiedScopes() {
        return scopes.stream().map(s -> audience + s).collect(Collectors.toUnmodifiableSet());
    }
}
