package io.tokengate.user;

import java.util.Optional;

/**
 * Looks up the resource owners the password grant (RFC 6749 §4.3) authenticates. Implementations
 * are thread-safe and never return {@code null}; the "Durable and clustered state" work may back
 * this interface with a database or a directory service.
 */
@FunctionalInterface
public interface UserDirectory {

    /** The user named exactly {@code username}, if there is one. */
    Optional<User> find(String username);

    /** A directory with no users: every password grant is refused with {@code invalid_grant}. */
    static UserDirectory none() {
        return username -> Optional.empty();
    }
}
