package io.tokengate.store.jdbc;

import io.tokengate.refresh.RefreshTokenStore;
import io.tokengate.registry.ClientStore;
import io.tokengate.replay.ReplayCache;
import io.tokengate.revocation.AccessTokenDenylist;
import io.tokengate.store.AccessTokenDenylistContract;
import io.tokengate.store.ClientStoreContract;
import io.tokengate.store.RefreshTokenStoreContract;
import io.tokengate.store.ReplayCacheContract;
import io.tokengate.testing.TestDatabase;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;

/**
 * The store contracts, and the JDBC stores' own, against the database a subclass names: each
 * nested contract runs once per database, with one fixture per test.
 */
abstract class JdbcStoreContracts {
    private final JdbcFixture fixture;

    JdbcStoreContracts(Supplier<TestDatabase> database) {
        this.fixture = new JdbcFixture(database);
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    @Nested
    class RefreshTokens extends RefreshTokenStoreContract {
        @Override
        protected RefreshTokenStore newStore(Clock clock) {
            return fixture.open(clock).refreshTokens();
        }
    }

    @Nested
    class Replay extends ReplayCacheContract {
        @Override
        protected ReplayCache newCache(Clock clock, Duration skew) {
            return fixture.open(clock).replayCache();
        }
    }

    @Nested
    class Denylist extends AccessTokenDenylistContract {
        @Override
        protected AccessTokenDenylist newDenylist(Clock clock) {
            return fixture.open(clock).denylist();
        }
    }

    @Nested
    class Clients extends ClientStoreContract {
        @Override
        protected ClientStore newStore(Clock clock) {
            return fixture.open(clock).clients();
        }
    }

    @Nested
    class Shared extends JdbcStoresContract {
        @Override
        JdbcFixture fixture() {
            return fixture;
        }
    }
}
