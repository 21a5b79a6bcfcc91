package io.tokengate.store.jdbc;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import io.tokengate.cert.Certificates;
import io.tokengate.registry.ApplicationRole;
import io.tokengate.registry.InMemoryRegistry;
import io.tokengate.registry.ResourceRegistry;
import io.tokengate.registry.ResourceServer;
import io.tokengate.registry.TrustedIssuer;
import io.tokengate.registry.TrustedIssuerRegistry;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Resource servers, application roles and trusted issuers in tables {@code tg_resource_server},
 * {@code tg_application_role} and {@code tg_trusted_issuer}. Lookups are answered from one
 * snapshot of all three (they are few and read on every token request), checked for consistency
 * like the registry file and reloaded when older than {@code cacheTtl}: a change on any node is
 * seen everywhere within that delay. The snapshot is dropped on expiry, so with the database down
 * lookups fail ({@link io.tokengate.store.StoreUnavailableException}) rather than serve stale roles
 * for ever. Writers are for seeding and administration; each is one transaction. Thread-safe.
 */
public final class JdbcRegistry implements ResourceRegistry, TrustedIssuerRegistry {
    private final Database db;
    private final LoadingCache<Boolean, InMemoryRegistry> snapshot;

    public JdbcRegistry(Database db, Clock clock, Duration cacheTtl) {
        this.db = Objects.requireNonNull(db, "db");
        this.snapshot = Caffeine.newBuilder().expireAfterWrite(cacheTtl).ticker(Columns.ticker(clock))
                .executor(Runnable::run).build(k -> load());
    }

    private InMemoryRegistry current() {
        return snapshot.get(Boolean.TRUE);
    }

    @Override
    public Optional<ApplicationRole> findRole(String name) {
        return current().findRole(name);
    }

    @Override
    public Optional<ResourceServer> findResourceServerForScope(String qualifiedScope) {
        return current().findResourceServerForScope(qualifiedScope);
    }

    @Override
    public Collection<ResourceServer> resourceServers() {
        return current().resourceServers();
    }

    @Override
    public Optional<TrustedIssuer> findIssuer(String issuer) {
        return current().findIssuer(issuer);
    }

    @Override
    public Collection<TrustedIssuer> trustedIssuers() {
        return current().trustedIssuers();
    }

    /** Adds the resource server, or replaces the one with the same audience. */
    public void saveResourceServer(ResourceServer server) {
        replace("tg_resource_server", "audience", server.audience(),
                "INSERT INTO tg_resource_server (audience, scopes) VALUES (?, ?)", server.audience(),
                Columns.list(server.scopes()));
    }

    /** Adds the role, or replaces the one with the same name. */
    public void saveRole(ApplicationRole role) {
        replace("tg_application_role", "name", role.name(),
                "INSERT INTO tg_application_role (name, scopes) VALUES (?, ?)", role.name(), Columns.list(role.scopes()));
    }

    /** Adds the trusted issuer, or replaces the one with the same issuer identifier. */
    public void saveIssuer(TrustedIssuer issuer) {
        replace("tg_trusted_issuer", "issuer", issuer.issuer(), "INSERT INTO tg_trusted_issuer (issuer, issuer_type,"
                + " certificates_pem, jwks, jwks_uri, algorithms) VALUES (?, ?, ?, ?, ?, ?)", issuer.issuer(),
                issuer.type().name(), issuer.certificates().stream().map(Certificates::toPem).collect(Collectors.joining()),
                issuer.jwks().map(j -> j.toString(true)).orElse(null), issuer.jwksUri().map(URI::toString).orElse(null),
                Columns.list(issuer.algorithms().stream().map(JWSAlgorithm::getName).toList()));
    }

    /** Forgets the cached snapshot, so the next lookup reads the database. */
    public void invalidate() {
        snapshot.invalidateAll();
    }

    private void replace(String table, String keyColumn, String key, String insert, Object... values) {
        db.transaction("saving " + key + " in " + table, c -> {
            try (PreparedStatement del = c.prepareStatement("DELETE FROM " + table + " WHERE " + keyColumn + " = ?")) {
                del.setString(1, key);
                del.executeUpdate();
            }
            try (PreparedStatement ins = c.prepareStatement(insert)) {
                for (int i = 0; i < values.length; i++) {
                    ins.setString(i + 1, (String) values[i]);
                }
                ins.executeUpdate();
            }
            return null;
        });
        invalidate();
    }

    private InMemoryRegistry load() {
        return db.run("reading the registry", c -> new InMemoryRegistry(List.of(), roles(c), servers(c), issuers(c)));
    }

    private static List<ResourceServer> servers(Connection c) throws SQLException {
        List<ResourceServer> all = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT audience, scopes FROM tg_resource_server");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                all.add(new ResourceServer(rs.getString(1), new HashSet<>(Columns.list(rs.getString(2)))));
            }
        }
        return all;
    }

    private static List<ApplicationRole> roles(Connection c) throws SQLException {
        List<ApplicationRole> all = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT name, scopes FROM tg_application_role");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                all.add(new ApplicationRole(rs.getString(1), new HashSet<>(Columns.list(rs.getString(2)))));
            }
        }
        return all;
    }

    private static List<TrustedIssuer> issuers(Connection c) throws SQLException {
        List<TrustedIssuer> all = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT issuer, issuer_type, certificates_pem, jwks, jwks_uri,"
                + " algorithms FROM tg_trusted_issuer"); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String pem = rs.getString(3);
                String jwks = rs.getString(4);
                String uri = rs.getString(5);
                try {
                    all.add(new TrustedIssuer(rs.getString(1), TrustedIssuer.Type.valueOf(rs.getString(2)),
                            pem.isEmpty() ? List.of() : Certificates.parse(pem.getBytes(StandardCharsets.US_ASCII)),
                            jwks == null ? Optional.empty() : Optional.of(JWKSet.parse(jwks)),
                            Optional.ofNullable(uri).map(URI::create),
                            Columns.list(rs.getString(6)).stream().map(JWSAlgorithm::parse).collect(Collectors.toSet())));
                } catch (ParseException e) {
                    throw new IllegalStateException("trusted issuer " + rs.getString(1) + " has a stored JWKS that"
                            + " does not parse", e);
                }
            }
        }
        return all;
    }
}
