package io.tokengate.store.jdbc;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.tokengate.registry.Client;
import io.tokengate.registry.ClientStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The clients in table {@code tg_client}. Each write is one statement (atomic); {@link #findClient}
 * is served from a Caffeine cache of at most 10,000 clients whose entries live {@code cacheTtl}:
 * a write on this node is seen here at once, a write on another node within {@code cacheTtl}
 * (a deleted client stops authenticating everywhere within that delay). Unknown ids are cached
 * too, so a flood of made-up client ids costs one query per id and period. Thread-safe.
 */
public final class JdbcClientStore implements ClientStore {
    private static final String SELECT = "SELECT client_id, " + ClientRows.COLUMNS + " FROM tg_client";

    private final Database db;
    private final Clock clock;
    private final Cache<String, Optional<Client>> cache;

    public JdbcClientStore(Database db, Clock clock, Duration cacheTtl) {
        this.db = Objects.requireNonNull(db, "db");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.cache = Caffeine.newBuilder().expireAfterWrite(cacheTtl).maximumSize(10_000)
                .ticker(Columns.ticker(clock)).executor(Runnable::run).build();
    }

    @Override
    public Optional<Client> findClient(String clientId) {
        return cache.get(clientId, this::load);
    }

    private Optional<Client> load(String clientId) {
        return db.run("reading client " + clientId, c -> {
            try (PreparedStatement ps = c.prepareStatement(SELECT + " WHERE client_id = ?")) {
                ps.setString(1, clientId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(ClientRows.read(rs)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public boolean create(Client client) {
        boolean created = db.run("creating client " + client.clientId(), c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO tg_client (client_id, " + ClientRows.COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, client.clientId());
                ClientRows.bind(ps, 2, client, clock.millis());
                return ps.executeUpdate() == 1;
            } catch (SQLException e) {
                if (Database.isUniqueViolation(e)) {
                    return false;
                }
                throw e;
            }
        });
        cache.invalidate(client.clientId());
        return created;
    }

    @Override
    public boolean update(Client client) {
        boolean updated = db.run("updating client " + client.clientId(), c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE tg_client SET application_type = ?, client_type = ?,"
                    + " grant_types = ?, auth_methods = ?, certificate_pem = ?, certificate_subject_type = ?,"
                    + " certificate_subject = ?, jwks = ?, secret_hash = ?, roles = ?, updated_at = ?"
                    + " WHERE client_id = ?")) {
                ClientRows.bind(ps, 1, client, clock.millis());
                ps.setString(12, client.clientId());
                return ps.executeUpdate() == 1;
            }
        });
        cache.invalidate(client.clientId());
        return updated;
    }

    @Override
    public boolean delete(String clientId) {
        boolean deleted = db.run("deleting client " + clientId, c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM tg_client WHERE client_id = ?")) {
                ps.setString(1, clientId);
                return ps.executeUpdate() == 1;
            }
        });
        cache.invalidate(clientId);
        return deleted;
    }

    @Override
    public List<Client> list() {
        return db.run("listing clients", c -> {
            List<Client> all = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(SELECT);
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    all.add(ClientRows.read(rs));
                }
            }
            all.sort(java.util.Comparator.comparing(Client::clientId)); // Java's order, whatever the collation
            return List.copyOf(all);
        });
    }
}
