package io.tokengate.store.jdbc;

import io.tokengate.refresh.RefreshTokenStore;
import io.tokengate.refresh.StoredRefreshToken;
import io.tokengate.refresh.StoredRefreshToken.State;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Refresh token families in {@code tg_refresh_token} (token hashes only) with revoked families in
 * {@code tg_revoked_family}. Never cached: every node sees every rotation at once.
 *
 * <p>Round trips: {@link #save} and {@link #find} are one statement each. {@link #rotate} is the
 * compare-and-set {@code UPDATE … SET state='ROTATED' WHERE token_hash=? AND state='ACTIVE' AND
 * the family is not revoked} followed by the successor's insert, atomically: on PostgreSQL as one
 * statement (a data-modifying CTE, one round trip), elsewhere in one transaction. Two nodes
 * presenting the same token: the row lock makes the second UPDATE wait and then match nothing, so
 * exactly one succeeds. A revoked family's marker is consulted by {@code find} and {@code rotate},
 * so a successor written by a rotation racing with the revocation is reported revoked. Thread-safe.
 */
public final class JdbcRefreshTokenStore implements RefreshTokenStore {
    private static final String COLUMNS = "token_hash, family_id, subject, client_id, thumbprint, scopes, audiences,"
            + " issued_at, expires_at, family_expires_at, state";
    private static final String NOT_REVOKED = "NOT EXISTS (SELECT 1 FROM tg_revoked_family f"
            + " WHERE f.family_id = tg_refresh_token.family_id)";

    private final Database db;
    private final Clock clock;

    public JdbcRefreshTokenStore(Database db, Clock clock) {
        this.db = Objects.requireNonNull(db, "db");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void save(StoredRefreshToken token) {
        db.run("saving a refresh token", c -> {
            insert(c, token);
            return null;
        });
    }

    @Override
    public Optional<StoredRefreshToken> find(String tokenHash) {
        return db.run("reading a refresh token", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + ", CASE WHEN " + NOT_REVOKED
                    + " THEN 0 ELSE 1 END AS revoked FROM tg_refresh_token WHERE token_hash = ?")) {
                ps.setString(1, tokenHash);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    StoredRefreshToken t = read(rs);
                    return Optional.of(rs.getInt("revoked") == 1 ? t.withState(State.REVOKED) : t);
                }
            }
        });
    }

    @Override
    public boolean rotate(String tokenHash, StoredRefreshToken successor) {
        if (successor.state() != State.ACTIVE) {
            throw new IllegalArgumentException("a successor must be an active member of the same family");
        }
        String update = "UPDATE tg_refresh_token SET state = 'ROTATED' WHERE token_hash = ? AND state = 'ACTIVE'"
                + " AND family_id = ? AND " + NOT_REVOKED;
        if (db.isPostgres()) {
            return db.run("rotating a refresh token", c -> {
                try (PreparedStatement ps = c.prepareStatement("WITH rotated AS (" + update + " RETURNING family_id)"
                        + " INSERT INTO tg_refresh_token (" + COLUMNS + ") SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?"
                        + " FROM rotated")) {
                    ps.setString(1, tokenHash);
                    ps.setString(2, successor.familyId());
                    bind(ps, 3, successor);
                    return ps.executeUpdate() == 1;
                } catch (SQLException e) {
                    throw duplicate(e);
                }
            });
        }
        return db.transaction("rotating a refresh token", c -> {
            try (PreparedStatement ps = c.prepareStatement(update)) {
                ps.setString(1, tokenHash);
                ps.setString(2, successor.familyId());
                if (ps.executeUpdate() != 1) {
                    return false;
                }
            }
            insert(c, successor);
            return true;
        });
    }

    @Override
    public void revokeFamily(String familyId) {
        db.run("revoking a refresh token family", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO tg_revoked_family (family_id, revoked_at) VALUES (?, ?)")) {
                ps.setString(1, familyId);
                ps.setLong(2, clock.millis());
                ps.executeUpdate();
            } catch (SQLException e) {
                if (!Database.isUniqueViolation(e)) {
                    throw e;
                }
            }
            return null;
        });
    }

    /** Deletes members past their expiry and the markers of revoked families left without members. */
    public int purgeExpired(Instant now) {
        return db.run("purging expired refresh tokens", c -> {
            int removed;
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM tg_refresh_token WHERE expires_at <= ?")) {
                ps.setLong(1, now.toEpochMilli());
                removed = ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM tg_revoked_family WHERE NOT EXISTS"
                    + " (SELECT 1 FROM tg_refresh_token t WHERE t.family_id = tg_revoked_family.family_id)"
                    + " AND revoked_at <= ?")) {
                ps.setLong(1, now.toEpochMilli());
                ps.executeUpdate();
            }
            return removed;
        });
    }

    private static void insert(Connection c, StoredRefreshToken token) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO tg_refresh_token (" + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            bind(ps, 1, token);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw duplicate(e);
        }
    }

    private static SQLException duplicate(SQLException e) {
        if (Database.isUniqueViolation(e)) {
            throw new IllegalStateException("a refresh token with this hash is already stored", e);
        }
        return e;
    }

    private static void bind(PreparedStatement ps, int first, StoredRefreshToken t) throws SQLException {
        ps.setString(first, t.tokenHash());
        ps.setString(first + 1, t.familyId());
        ps.setString(first + 2, t.subject());
        ps.setString(first + 3, t.clientId());
        Columns.setOptional(ps, first + 4, t.thumbprint());
        ps.setString(first + 5, Columns.orderedList(t.scopes()));
        ps.setString(first + 6, Columns.orderedList(t.audiences()));
        ps.setLong(first + 7, t.issuedAt().toEpochMilli());
        ps.setLong(first + 8, t.expiresAt().toEpochMilli());
        Columns.setOptionalMillis(ps, first + 9, t.familyExpiresAt());
        ps.setString(first + 10, t.state().name());
    }

    private static StoredRefreshToken read(ResultSet rs) throws SQLException {
        return new StoredRefreshToken(rs.getString("token_hash"), rs.getString("family_id"), rs.getString("subject"),
                rs.getString("client_id"), Optional.ofNullable(rs.getString("thumbprint")),
                Columns.list(rs.getString("scopes")), Columns.list(rs.getString("audiences")),
                Columns.instant(rs, "issued_at"), Columns.instant(rs, "expires_at"),
                Columns.optionalInstant(rs, "family_expires_at"), State.valueOf(rs.getString("state")));
    }
}
