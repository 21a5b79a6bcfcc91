package io.tokengate.testing;

import io.tokengate.user.PasswordHasher;
import io.tokengate.user.User;
import io.tokengate.user.UserDirectory;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Resource owners for password grant tests: a {@link #hasher()} with cheap Argon2id parameters
 * (m = 256 KiB, t = 1, well under a millisecond), users hashed with it, and a directory of them.
 */
public final class TestUsers {
    /** The password of every user made by {@link #user(String)}. */
    public static final String PASSWORD = "correct horse battery staple";

    private static final PasswordHasher HASHER = new PasswordHasher(256, 1, 1, new SecureRandom());

    private TestUsers() {
    }

    /** Argon2id with m = 256 KiB, t = 1, p = 1: fast enough to hash in every test. */
    public static PasswordHasher hasher() {
        return HASHER;
    }

    /** An enabled user whose password is {@link #PASSWORD}. */
    public static User user(String username) {
        return new User(username, HASHER.hash(PASSWORD), true);
    }

    /** A disabled user whose password is {@link #PASSWORD}. */
    public static User disabled(String username) {
        return new User(username, HASHER.hash(PASSWORD), false);
    }

    /** A directory holding exactly these users, looked up by exact username. */
    public static UserDirectory directory(User... users) {
        Map<String, User> byName = Stream.of(users).collect(Collectors.toUnmodifiableMap(User::username, Function.identity()));
        return username -> Optional.ofNullable(byName.get(username));
    }
}
