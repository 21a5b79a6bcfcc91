package io.tokengate.store.jdbc;

import com.nimbusds.jose.JWSAlgorithm;
import io.tokengate.config.DatabaseConfig;
import io.tokengate.testing.TestDatabase;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One test's database and the {@link JdbcStores} "nodes" opened on it, without background thread
 * (tests drive reloads and purges on a fake clock). The first {@link #open} creates the database;
 * later calls open further nodes on the same one. {@link #close()} closes them and drops it.
 */
final class JdbcFixture implements AutoCloseable {
    static final Duration TTL = Duration.ofSeconds(5);
    static final Duration TOKEN_LIFETIME = Duration.ofHours(1);
    static final Duration SKEW = Duration.ofSeconds(60);

    private final Supplier<TestDatabase> factory;
    private final List<JdbcStores> nodes = new ArrayList<>();
    private TestDatabase database;

    JdbcFixture(Supplier<TestDatabase> factory) {
        this.factory = factory;
    }

    JdbcStores open(Clock clock) {
        return open(clock, config());
    }

    JdbcStores open(Clock clock, DatabaseConfig config) {
        JdbcStores stores = JdbcStores.open(config, new JdbcStores.Options(JWSAlgorithm.ES256, Optional.empty(),
                TOKEN_LIFETIME, SKEW, clock, new SecureRandom(), false));
        nodes.add(stores);
        return stores;
    }

    DatabaseConfig config() {
        if (database == null) {
            database = factory.get();
        }
        return database.config().withCacheTtl(TTL).withPoolSize(8);
    }

    @Override
    public void close() {
        nodes.forEach(JdbcStores::close);
        nodes.clear();
        if (database != null) {
            database.close();
            database = null;
        }
    }
}
