package io.tokengate.store.jdbc;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.tokengate.user.PasswordHash;
import io.tokengate.user.User;
import io.tokengate.user.UserDirectory;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The password grant's users (RFC 6749 §4.3) in table {@code tg_user}, password hashes only.
 * {@link #find} is served from a Caffeine cache (at most 10,000 users, entries living
 * {@code cacheTtl}), so a password changed or a user disabled on another node takes effect here
 * within that delay; on this node at once. Thread-safe.
 */
public final class JdbcUserDirectory implements UserDirectory {
    private final Database db;
    private final Cache<String, Optional<User>> cache;

    public JdbcUserDirectory(Database db, Clock clock, Duration cacheTtl) {
        this.db = Objects.requireNonNull(db, "db");
        this.cache = Caffeine.newBuilder().expireAfterWrite(cacheTtl).maximumSize(10_000)
                .ticker(Columns.ticker(clock)).executor(Runnable::run).build();
    }

    @Override
    public Optional<User> find(String username) {
        return cache.get(username, this::load);
    }

    private Optional<User> load(String username) {
        return db.run("reading user " + username, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT username, password_hash, enabled FROM tg_user WHERE username = ?")) {
                ps.setString(1, username);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new User(rs.getString(1), PasswordHash.parse(rs.getString(2)),
                            rs.getBoolean(3))) : Optional.empty();
                }
            }
        });
    }

    /** @return {@code false}, changing nothing, when a user with that name exists */
    public boolean create(User user) {
        boolean created = db.run("creating user " + user.username(), c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO tg_user (username, password_hash, enabled) VALUES (?, ?, ?)")) {
                ps.setString(1, user.username());
                ps.setString(2, user.passwordHash().encoded());
                ps.setBoolean(3, user.enabled());
                return ps.executeUpdate() == 1;
            } catch (SQLException e) {
                if (Database.isUniqueViolation(e)) {
                    return false;
                }
                throw e;
            }
        });
        cache.invalidate(user.username());
        return created;
    }

    /** @return {@code false} when no such user exists */
    public boolean update(User user) {
        boolean updated = db.run("updating user " + user.username(), c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE tg_user SET password_hash = ?, enabled = ? WHERE username = ?")) {
                ps.setString(1, user.passwordHash().encoded());
                ps.setBoolean(2, user.enabled());
                ps.setString(3, user.username());
                return ps.executeUpdate() == 1;
            }
        });
        cache.invalidate(user.username());
        return updated;
    }
}
