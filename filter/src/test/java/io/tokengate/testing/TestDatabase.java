package io.tokengate.testing;

import io.tokengate.config.DatabaseConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Properties;

/**
 * A throw-away database for one test: an in-memory H2 database, or a schema with a random name in
 * the PostgreSQL named by {@value #URL_PROPERTY} (system property) or {@code TOKENGATE_TEST_POSTGRES_URL}
 * (environment), default {@value #DEFAULT_URL}; user from {@value #USER_PROPERTY} /
 * {@code TOKENGATE_TEST_POSTGRES_USER} (default {@code postgres}), password from
 * {@value #PASSWORD_PROPERTY} / {@code TOKENGATE_TEST_POSTGRES_PASSWORD}. {@link #close()} drops
 * the schema, so test runs sharing one PostgreSQL never see each other's rows. Also holds a
 * temporary key-encryption key file.
 */
public final class TestDatabase implements AutoCloseable {
    public static final String URL_PROPERTY = "tokengate.test.postgres.url";
    public static final String USER_PROPERTY = "tokengate.test.postgres.user";
    public static final String PASSWORD_PROPERTY = "tokengate.test.postgres.password";
    public static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/test";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final DatabaseConfig config;
    private final Optional<String> schema;
    private final Path directory;

    private TestDatabase(DatabaseConfig config, Optional<String> schema, Path directory) {
        this.config = config;
        this.schema = schema;
        this.directory = directory;
    }

    /** A fresh in-memory H2 database, gone when its last connection closes. */
    public static TestDatabase h2() {
        Path dir = tempDirectory();
        String name = "tg_" + randomName();
        return new TestDatabase(DatabaseConfig.of("jdbc:h2:mem:" + name, dir.resolve("kek")), Optional.empty(), dir);
    }

    /** An H2 database in file mode in {@code directory}, surviving the process. */
    public static TestDatabase h2File(Path directory) {
        return new TestDatabase(DatabaseConfig.of(DatabaseConfig.h2FileUrl(directory.resolve("tokengate")),
                directory.resolve("kek")), Optional.empty(), directory);
    }

    /** A fresh schema with a random name in the test PostgreSQL. */
    public static TestDatabase postgres() {
        String schema = "tg_test_" + randomName();
        try (Connection c = adminConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach the test PostgreSQL at " + postgresUrl() + " (set -D"
                    + URL_PROPERTY + " or TOKENGATE_TEST_POSTGRES_URL to point at another): " + e.getMessage(), e);
        }
        String base = postgresUrl();
        DatabaseConfig config = DatabaseConfig.of(base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema,
                tempDirectory().resolve("kek"));
        config = config.withUser(postgresUser());
        Optional<String> password = setting(PASSWORD_PROPERTY, "TOKENGATE_TEST_POSTGRES_PASSWORD");
        if (password.isPresent()) {
            config = config.withPassword(password.get());
        }
        return new TestDatabase(config, Optional.of(schema), config.keyEncryptionKeyFile().getParent());
    }

    /** The database configuration; shorten the cache TTL with {@link DatabaseConfig#withCacheTtl}. */
    public DatabaseConfig config() {
        return config;
    }

    /** The random PostgreSQL schema, if this is PostgreSQL. */
    public Optional<String> schema() {
        return schema;
    }

    public static String postgresUrl() {
        return setting(URL_PROPERTY, "TOKENGATE_TEST_POSTGRES_URL").orElse(DEFAULT_URL);
    }

    public static String postgresUser() {
        return setting(USER_PROPERTY, "TOKENGATE_TEST_POSTGRES_USER").orElse("postgres");
    }

    /** A connection to the test PostgreSQL's database itself (outside any test schema). */
    public static Connection adminConnection() throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", postgresUser());
        setting(PASSWORD_PROPERTY, "TOKENGATE_TEST_POSTGRES_PASSWORD").ifPresent(pw -> p.setProperty("password", pw));
        return DriverManager.getConnection(postgresUrl(), p);
    }

    @Override
    public void close() {
        deleteKeyEncryptionKey();
        if (schema.isPresent()) {
            try (Connection c = adminConnection(); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS " + schema.get() + " CASCADE");
            } catch (SQLException e) {
                throw new IllegalStateException("cannot drop test schema " + schema.get() + ": " + e.getMessage(), e);
            }
        }
    }

    /** The temporary key-encryption key goes with the database (an H2 file database's directory is the caller's). */
    private void deleteKeyEncryptionKey() {
        try {
            Files.deleteIfExists(config.keyEncryptionKeyFile());
            if (directory.getFileName().toString().startsWith("tokengate-db")) {
                try (var left = Files.list(directory)) {
                    if (left.findAny().isEmpty()) {
                        Files.delete(directory);
                    }
                }
            }
        } catch (IOException e) {
            // a temporary file; the OS cleans /tmp
        }
    }

    private static Optional<String> setting(String property, String env) {
        return Optional.ofNullable(System.getProperty(property)).or(() -> Optional.ofNullable(System.getenv(env)))
                .filter(s -> !s.isBlank());
    }

    private static String randomName() {
        byte[] b = new byte[6];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private static Path tempDirectory() {
        try {
            return Files.createTempDirectory("tokengate-db");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
