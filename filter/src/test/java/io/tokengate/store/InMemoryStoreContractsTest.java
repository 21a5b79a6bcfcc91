package io.tokengate.store;

import io.tokengate.refresh.InMemoryRefreshTokenStore;
import io.tokengate.refresh.RefreshTokenStore;
import io.tokengate.registry.ClientStore;
import io.tokengate.registry.InMemoryClientStore;
import io.tokengate.replay.InMemoryReplayCache;
import io.tokengate.replay.ReplayCache;
import io.tokengate.revocation.AccessTokenDenylist;
import io.tokengate.revocation.InMemoryAccessTokenDenylist;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Nested;

/** The store contracts against the in-memory stores, the reference the JDBC stores must match. */
class InMemoryStoreContractsTest {

    @Nested
    class RefreshTokens extends RefreshTokenStoreContract {
        @Override
        protected RefreshTokenStore newStore(Clock clock) {
            return new InMemoryRefreshTokenStore(clock);
        }
    }

    @Nested
    class Replay extends ReplayCacheContract {
        @Override
        protected ReplayCache newCache(Clock clock, Duration skew) {
            return new InMemoryReplayCache(clock, skew);
        }
    }

    @Nested
    class Denylist extends AccessTokenDenylistContract {
        @Override
        protected AccessTokenDenylist newDenylist(Clock clock) {
            return new InMemoryAccessTokenDenylist(clock);
        }
    }

    @Nested
    class Clients extends ClientStoreContract {
        @Override
        protected ClientStore newStore(Clock clock) {
            return new InMemoryClientStore();
        }
    }
}
