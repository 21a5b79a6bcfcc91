package io.tokengate.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the durable state lives when {@code jdbc-url} is set: the database, the pool, the cache
 * time-to-live that bounds how long a change made on one node takes to reach the others, the
 * key-encryption key that protects signing keys at rest, and the signing key rotation period.
 * Immutable; {@link #toString()} never shows the password.
 *
 * @param jdbcUrl              {@code jdbc:h2:file:...} (one node) or {@code jdbc:postgresql://...} (many)
 * @param user                 database user, if the URL does not carry it
 * @param password             database password, if any
 * @param poolSize             most connections held by this node, default 10
 * @param cacheTtl             how long registry, user, key and denylist reads are served from this
 *                             node's cache: the propagation delay between nodes, default 5 s
 * @param keyEncryptionKeyFile 32 random bytes (base64) encrypting the private signing keys stored in
 *                             the database (AES-256-GCM); created owner-only on first start if missing;
 *                             every node needs the same file
 * @param keyRotationPeriod    a new signing key is made when the newest is this old; empty for rotation on command only
 * @param purgeInterval        how often expired rows are deleted, default 10 minutes
 */
public record DatabaseConfig(String jdbcUrl, Optional<String> user, Optional<String> password, int poolSize,
        Duration cacheTtl, Path keyEncryptionKeyFile, Optional<Duration> keyRotationPeriod, Duration purgeInterval) {

    public DatabaseConfig {
        if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:")) {
            throw new IllegalArgumentException(AuthorizationServerConfig.JDBC_URL + " must be a JDBC URL such as"
                    + " jdbc:postgresql://db.example.com:5432/tokengate, was '" + jdbcUrl + "'");
        }
        Objects.requireNonNull(user, AuthorizationServerConfig.JDBC_USER);
        Objects.requireNonNull(password, AuthorizationServerConfig.JDBC_PASSWORD);
        if (poolSize < 1 || poolSize > 200) {
            throw new IllegalArgumentException(AuthorizationServerConfig.JDBC_POOL_SIZE
                    + " must be between 1 and 200, was " + poolSize);
        }
        if (cacheTtl.isNegative() || cacheTtl.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new IllegalArgumentException(AuthorizationServerConfig.STORE_CACHE_TTL
                    + " must be between 0 and 10 minutes, was " + cacheTtl);
        }
        if (keyEncryptionKeyFile == null) {
            throw new IllegalArgumentException(AuthorizationServerConfig.KEY_ENCRYPTION_KEY_FILE + " is required with "
                    + AuthorizationServerConfig.JDBC_URL + ": the file whose key encrypts the signing keys in the"
                    + " database (created on first start when missing; give every node the same file)");
        }
        Objects.requireNonNull(keyRotationPeriod, AuthorizationServerConfig.SIGNING_KEY_ROTATION_PERIOD);
        keyRotationPeriod.ifPresent(p -> {
            if (p.compareTo(Duration.ofMinutes(1)) < 0) {
                throw new IllegalArgumentException(AuthorizationServerConfig.SIGNING_KEY_ROTATION_PERIOD
                        + " must be at least one minute, was " + p);
            }
        });
        if (purgeInterval.compareTo(Duration.ofSeconds(1)) < 0 || purgeInterval.compareTo(Duration.ofDays(1)) > 0) {
            throw new IllegalArgumentException(AuthorizationServerConfig.STORE_PURGE_INTERVAL
                    + " must be between one second and one day, was " + purgeInterval);
        }
    }

    /** The defaults for {@code jdbcUrl}, with the key-encryption key in {@code keyEncryptionKeyFile}. */
    public static DatabaseConfig of(String jdbcUrl, Path keyEncryptionKeyFile) {
        return new DatabaseConfig(jdbcUrl, Optional.empty(), Optional.empty(), 10, Duration.ofSeconds(5),
                keyEncryptionKeyFile, Optional.empty(), Duration.ofMinutes(10));
    }

    /** An H2 database in file mode at {@code base} (H2 adds {@code .mv.db}); every commit is written before it returns. */
    public static String h2FileUrl(Path base) {
        return "jdbc:h2:file:" + base.toAbsolutePath() + ";WRITE_DELAY=0";
    }

    public DatabaseConfig withUser(String value) {
        return new DatabaseConfig(jdbcUrl, Optional.of(value), password, poolSize, cacheTtl, keyEncryptionKeyFile,
                keyRotationPeriod, purgeInterval);
    }

    public DatabaseConfig withPassword(String value) {
        return new DatabaseConfig(jdbcUrl, user, Optional.of(value), poolSize, cacheTtl, keyEncryptionKeyFile,
                keyRotationPeriod, purgeInterval);
    }

    public DatabaseConfig withPoolSize(int value) {
        return new DatabaseConfig(jdbcUrl, user, password, value, cacheTtl, keyEncryptionKeyFile, keyRotationPeriod,
                purgeInterval);
    }

    public DatabaseConfig withCacheTtl(Duration value) {
        return new DatabaseConfig(jdbcUrl, user, password, poolSize, value, keyEncryptionKeyFile, keyRotationPeriod,
                purgeInterval);
    }

    public DatabaseConfig withKeyRotationPeriod(Duration value) {
        return new DatabaseConfig(jdbcUrl, user, password, poolSize, cacheTtl, keyEncryptionKeyFile,
                Optional.of(value), purgeInterval);
    }

    public DatabaseConfig withPurgeInterval(Duration value) {
        return new DatabaseConfig(jdbcUrl, user, password, poolSize, cacheTtl, keyEncryptionKeyFile, keyRotationPeriod,
                value);
    }

    @Override
    public String toString() {
        return "DatabaseConfig[" + jdbcUrl + ", user=" + user.orElse("(from URL)") + ", password="
                + (password.isPresent() ? "****" : "none") + ", poolSize=" + poolSize + ", cacheTtl=" + cacheTtl
                + ", keyEncryptionKeyFile=" + keyEncryptionKeyFile + ", keyRotationPeriod="
                + keyRotationPeriod.map(Duration::toString).orElse("on command") + ", purgeInterval=" + purgeInterval + "]";
    }
}
