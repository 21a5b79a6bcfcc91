package io.tokengate.store.jdbc;

import io.tokengate.revocation.AccessTokenDenylist;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Revoked access tokens (RFC 7009) in table {@code tg_denied_token}, with a replica of the
 * unexpired entries in this node's memory. {@link #isDenied} reads only the replica — the resource
 * filter asks on every request, and must keep working while the database is down — and
 * {@link #reload} replaces it with the table's unexpired rows; {@link JdbcStores} reloads every
 * {@code cacheTtl}, so a revocation made on another node is honoured here within that delay, one
 * made on this node at once. The replica's size is bounded like the table's: by the tokens revoked
 * within one access token lifetime. Thread-safe.
 */
public final class JdbcAccessTokenDenylist implements AccessTokenDenylist {
    private final Database db;
    private final Clock clock;
    private volatile Map<String, Instant> replica = new ConcurrentHashMap<>();

    public JdbcAccessTokenDenylist(Database db, Clock clock) {
        this.db = Objects.requireNonNull(db, "db");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void deny(String jti, Instant expiresAt) {
        Objects.requireNonNull(jti, "jti");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (!expiresAt.isAfter(clock.instant())) {
            return;
        }
        db.run("denying an access token", c -> {
            for (int attempt = 0; attempt < 2; attempt++) {
                try (PreparedStatement up = c.prepareStatement(
                        "UPDATE tg_denied_token SET expires_at = ? WHERE jti = ? AND expires_at < ?")) {
                    up.setLong(1, expiresAt.toEpochMilli());
                    up.setString(2, jti);
                    up.setLong(3, expiresAt.toEpochMilli());
                    if (up.executeUpdate() == 1) {
                        return null;
                    }
                }
                try (PreparedStatement ins = c.prepareStatement(
                        "INSERT INTO tg_denied_token (jti, expires_at) VALUES (?, ?)")) {
                    ins.setString(1, jti);
                    ins.setLong(2, expiresAt.toEpochMilli());
                    ins.executeUpdate();
                    return null;
                } catch (SQLException e) {
                    if (!Database.isUniqueViolation(e)) {
                        throw e;
                    }
                    // already denied (here or by another node): keep the later expiry with the update
                }
            }
            return null;
        });
        replica.merge(jti, expiresAt, (old, now) -> old.isAfter(now) ? old : now);
    }

    @Override
    public boolean isDenied(String jti) {
        Instant expiresAt = replica.get(Objects.requireNonNull(jti, "jti"));
        return expiresAt != null && expiresAt.isAfter(clock.instant());
    }

    /**
     * Replaces the replica with the unexpired rows of the table. With the database down it throws
     * and the previous replica stays in use.
     */
    public void reload() {
        Instant now = clock.instant();
        Map<String, Instant> fresh = db.run("reading the access token denylist", c -> {
            Map<String, Instant> rows = new ConcurrentHashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT jti, expires_at FROM tg_denied_token WHERE expires_at > ?")) {
                ps.setLong(1, now.toEpochMilli());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.put(rs.getString(1), Instant.ofEpochMilli(rs.getLong(2)));
                    }
                }
            }
            return rows;
        });
        // entries denied on this node while the query ran are kept
        replica.forEach((jti, exp) -> {
            if (exp.isAfter(now)) {
                fresh.merge(jti, exp, (a, b) -> a.isAfter(b) ? a : b);
            }
        });
        replica = fresh;
    }

    /** Deletes rows whose token has expired. */
    public int purgeExpired(Instant now) {
        return db.run("purging expired denylist entries", c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM tg_denied_token WHERE expires_at <= ?")) {
                ps.setLong(1, now.toEpochMilli());
                return ps.executeUpdate();
            }
        });
    }

    /** Entries in the replica, expired ones possibly included; for tests and monitoring. */
    public int size() {
        return replica.size();
    }
}
