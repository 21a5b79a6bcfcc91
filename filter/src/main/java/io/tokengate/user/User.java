package io.tokengate.user;

import java.util.Objects;

/**
 * A resource owner who may sign in with the password grant (RFC 6749 §4.3). Immutable; its
 * {@link #toString()} names the hash algorithm, never the hash.
 *
 * @param username     the name the user signs in with, compared exactly; becomes the token's {@code sub}
 * @param passwordHash the stored password hash
 * @param enabled      a disabled user is refused exactly like a wrong password
 */
public record User(String username, PasswordHash passwordHash, boolean enabled) {
    public User {
        if (username == null || username.isBlank()) {
            throw new IllegalArgumentException("a user needs a non-empty username");
        }
        Objects.requireNonNull(passwordHash, "passwordHash");
    }
}
