package io.tokengate.store.jdbc;

import io.tokengate.replay.ReplayCache;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;

/**
 * Used assertion IDs and {@code jti} values (RFC 7521 §5.2, RFC 7523 §3, RFC 7522 §3) in table
 * {@code tg_used_assertion}, kept until the artefact's expiry plus the clock skew. Single use is
 * the primary key's job: {@link #markUsed} inserts, and the database refuses a second insert of the
 * same identifier from any node, so two nodes cannot both accept one assertion. One round trip.
 * The key is the SHA-256 of namespace and id, so identifiers of any length fit. Thread-safe.
 */
public final class JdbcReplayCache implements ReplayCache {
    private final Database db;
    private final Clock clock;
    private final Duration skew;

    public JdbcReplayCache(Database db, Clock clock, Duration skew) {
        this.db = Objects.requireNonNull(db, "db");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.skew = Objects.requireNonNull(skew, "skew");
    }

    @Override
    public boolean markUsed(String namespace, String id, Instant expiresAt) {
        Instant now = clock.instant();
        Instant keepUntil = expiresAt.plus(skew);
        if (!keepUntil.isAfter(now)) {
            return true; // already expired: validation refuses it anyway, nothing to remember
        }
        String key = hash(namespace, id);
        return db.run("recording a used assertion", c -> {
            if (insert(c, key, keepUntil)) {
                return true;
            }
            // a row for an identifier that expired but was not purged yet does not make a replay
            try (PreparedStatement del = c.prepareStatement(
                    "DELETE FROM tg_used_assertion WHERE id_hash = ? AND expires_at <= ?")) {
                del.setString(1, key);
                del.setLong(2, now.toEpochMilli());
                if (del.executeUpdate() == 0) {
                    return false;
                }
            }
            return insert(c, key, keepUntil);
        });
    }

    private static boolean insert(java.sql.Connection c, String key, Instant keepUntil) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO tg_used_assertion (id_hash, expires_at) VALUES (?, ?)")) {
            ps.setString(1, key);
            ps.setLong(2, keepUntil.toEpochMilli());
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            if (Database.isUniqueViolation(e)) {
                return false;
            }
            throw e;
        }
    }

    /** Deletes records whose artefact has expired. */
    public int purgeExpired(Instant now) {
        return db.run("purging expired replay records", c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM tg_used_assertion WHERE expires_at <= ?")) {
                ps.setLong(1, now.toEpochMilli());
                return ps.executeUpdate();
            }
        });
    }

    private static String hash(String namespace, String id) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(namespace.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(sha.digest(id.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
