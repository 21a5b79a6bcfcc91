package io.tokengate.store.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.tokengate.config.DatabaseConfig;
import io.tokengate.store.StoreUnavailableException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Objects;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The pooled database every JDBC store shares: a HikariCP pool (connections checked before use, so
 * a restarted database is reconnected to by itself) whose schema Flyway migrates on open. Runs
 * {@link SqlWork} in auto-commit or in one transaction and turns failures into exceptions the
 * endpoints understand: connection trouble becomes {@link StoreUnavailableException} (503),
 * anything else {@link IllegalStateException} (500). Thread-safe.
 */
public final class Database implements AutoCloseable {
    /** SQLState of a unique or primary key violation, in H2 and PostgreSQL alike. */
    static final String UNIQUE_VIOLATION = "23505";
    /** How long a request waits for a connection before it is answered 503. */
    static final long CONNECTION_TIMEOUT_MILLIS = 5_000;
    /** H2's "connection broken", "database closed" and "called at shutdown" states. */
    private static final java.util.Set<String> H2_UNAVAILABLE = java.util.Set.of("90067", "90098", "90121");

    private final DataSource dataSource;
    private final AutoCloseable pool;
    private final boolean postgres;

    Database(DataSource dataSource, AutoCloseable pool, boolean postgres) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.pool = pool;
        this.postgres = postgres;
    }

    /**
     * Opens the pool and migrates the schema.
     *
     * @throws StoreUnavailableException naming the URL when the database cannot be reached
     */
    public static Database open(DatabaseConfig config) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("tokengate");
        hikari.setJdbcUrl(config.jdbcUrl());
        config.user().ifPresent(hikari::setUsername);
        config.password().ifPresent(hikari::setPassword);
        hikari.setMaximumPoolSize(config.poolSize());
        hikari.setMinimumIdle(Math.min(2, config.poolSize()));
        hikari.setConnectionTimeout(CONNECTION_TIMEOUT_MILLIS);
        hikari.setValidationTimeout(1_000);
        hikari.setInitializationFailTimeout(CONNECTION_TIMEOUT_MILLIS);
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(hikari);
        } catch (RuntimeException e) {
            throw new StoreUnavailableException("cannot connect to the database at " + config.jdbcUrl() + ": "
                    + rootMessage(e), e);
        }
        try {
            Flyway.configure().dataSource(pool)
                    .locations("classpath:io/tokengate/store/jdbc/migration")
                    .table("tg_schema_history")
                    .load().migrate();
            return new Database(pool, pool, config.jdbcUrl().startsWith("jdbc:postgresql:"));
        } catch (RuntimeException e) {
            pool.close();
            throw new IllegalStateException("cannot create or migrate the Tokengate schema in " + config.jdbcUrl()
                    + ": " + rootMessage(e), e);
        }
    }

    /** Whether the database is PostgreSQL, whose data-modifying CTEs save round trips. */
    boolean isPostgres() {
        return postgres;
    }

    /** Runs {@code work} on a pooled connection in auto-commit mode. */
    <T> T run(String what, SqlWork<T> work) {
        try (Connection c = connection(what)) {
            return work.run(c);
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    /** Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. */
    <T> T transaction(String what, SqlWork<T> work) {
        try (Connection c = connection(what)) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c);
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    /** A pooled connection; not getting one (database down, pool exhausted or closed) means unavailable. */
    private Connection connection(String what) {
        try {
            return dataSource.getConnection();
        } catch (SQLException e) {
            throw new StoreUnavailableException(what + " failed: no database connection (" + e.getMessage() + ")", e);
        }
    }

    static boolean isUniqueViolation(SQLException e) {
        for (SQLException s = e; s != null; s = s.getNextException()) {
            if (UNIQUE_VIOLATION.equals(s.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private static RuntimeException failure(String what, SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        boolean unavailable = e instanceof SQLTransientException || e instanceof SQLRecoverableException
                || state.startsWith("08") || state.startsWith("53") || state.startsWith("57") || state.startsWith("40")
                || H2_UNAVAILABLE.contains(state);
        String message = what + " failed: the database " + (unavailable ? "cannot be reached" : "refused the statement")
                + " (SQLState " + state + ": " + e.getMessage() + ")";
        return unavailable ? new StoreUnavailableException(message, e) : new IllegalStateException(message, e);
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the connection is broken; the pool discards it
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    @Override
    public void close() throws Exception {
        if (pool != null) {
            pool.close();
        }
    }
}
