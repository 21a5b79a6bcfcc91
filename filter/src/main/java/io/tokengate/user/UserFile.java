package io.tokengate.user;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A {@link UserDirectory} read once from a JSON file (the {@code users-file} option):
 * <pre>{@code
 * {"users": [
 *   {"username": "alice", "password_hash": "$argon2id$v=19$m=12288,t=3,p=1$…$…"},
 *   {"username": "bob",   "password_hash": "{bcrypt}$2y$10$…", "enabled": false}
 * ]}
 * }</pre>
 * {@code enabled} defaults to {@code true}. Every hash is parsed at load, so a malformed one stops
 * start-up rather than failing sign-ins later; unknown members and repeated usernames are refused
 * too. Errors name the user (never the hash). Immutable and thread-safe.
 */
public final class UserFile implements UserDirectory {
    private static final Set<String> TOP = Set.of("users");
    private static final Set<String> USER_MEMBERS = Set.of("username", "password_hash", "enabled");

    private final Map<String, User> users;

    private UserFile(Map<String, User> users) {
        this.users = Map.copyOf(users);
    }

    /** @throws IllegalArgumentException naming the file, and the entry that is wrong and why */
    public static UserFile load(Path file, ObjectMapper mapper) {
        JsonNode root;
        try {
            root = mapper.readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read users file " + file + ": " + e.getMessage(), e);
        }
        try {
            return parse(root);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("users file " + file + ": " + e.getMessage(), e);
        }
    }

    static UserFile parse(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("the users file must be a JSON object with a 'users' array");
        }
        onlyKnown(root, TOP, "the users file");
        JsonNode array = root.get("users");
        if (array == null || !array.isArray()) {
            throw new IllegalArgumentException("'users' must be an array");
        }
        Map<String, User> users = new HashMap<>();
        int index = 0;
        for (JsonNode n : array) {
            User user = user(n, index++);
            if (users.putIfAbsent(user.username(), user) != null) {
                throw new IllegalArgumentException("user " + user.username() + " is listed twice");
            }
        }
        return new UserFile(users);
    }

    private static User user(JsonNode n, int index) {
        if (!n.isObject()) {
            throw new IllegalArgumentException("users[" + index + "] must be a JSON object");
        }
        JsonNode name = n.get("username");
        if (name == null || !name.isTextual() || name.asText().isBlank()) {
            throw new IllegalArgumentException("users[" + index + "] needs a non-empty 'username'");
        }
        String where = "user " + name.asText();
        onlyKnown(n, USER_MEMBERS, where);
        JsonNode hash = n.get("password_hash");
        if (hash == null || !hash.isTextual()) {
            throw new IllegalArgumentException(where + " needs a 'password_hash' (never the password itself)");
        }
        JsonNode enabled = n.get("enabled");
        if (enabled != null && !enabled.isBoolean()) {
            throw new IllegalArgumentException(where + ": 'enabled' must be true or false");
        }
        PasswordHash parsed;
        try {
            parsed = PasswordHash.parse(hash.asText());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
        return new User(name.asText(), parsed, enabled == null || enabled.asBoolean());
    }

    private static void onlyKnown(JsonNode n, Set<String> known, String where) {
        for (Iterator<String> it = n.fieldNames(); it.hasNext();) {
            String name = it.next();
            if (!known.contains(name)) {
                throw new IllegalArgumentException(where + ": unknown member '" + name + "'");
            }
        }
    }

    @Override
    public Optional<User> find(String username) {
        return Optional.ofNullable(users.get(username));
    }

    /** Every user of the file, to import them into a database. */
    public java.util.Collection<User> users() {
        return users.values();
    }

    /** How many users the file holds. */
    public int size() {
        return users.size();
    }

    @Override
    public String toString() {
        return "UserFile[" + users.size() + " users]";
    }
}
