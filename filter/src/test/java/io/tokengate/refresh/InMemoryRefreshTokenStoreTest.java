package io.tokengate.refresh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tokengate.refresh.StoredRefreshToken.State;
import io.tokengate.testing.TestClock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What only the in-memory store does; the RefreshTokenStore contract itself runs in InMemoryStoreContractsTest. */
class InMemoryRefreshTokenStoreTest {
    private final TestClock clock = TestClock.create();
    private final InMemoryRefreshTokenStore store = new InMemoryRefreshTokenStore(clock);

    @Test
    void rotateWhenSuccessorOfAnotherFamilyThenIllegalArgument() {
        store.save(member("h1", "f1"));

        assertThrows(IllegalArgumentException.class, () -> store.rotate("h1", member("h2", "f2")));
        assertEquals(State.ACTIVE, store.find("h1").orElseThrow().state());
    }

    @Test
    void removeExpiredWhenMembersExpiredThenRemovedWithMarkersOfEmptiedFamilies() {
        store.save(member("old", "f1", Duration.ofDays(1)));
        store.save(member("young", "f2", Duration.ofDays(10)));
        store.revokeFamily("f1");
        store.revokeFamily("f2");
        clock.advance(Duration.ofDays(2));

        store.removeExpired();

        assertEquals(Optional.empty(), store.find("old"));
        assertEquals(State.REVOKED, store.find("young").orElseThrow().state());
        assertEquals(1, store.size());
    }

    @Test
    void saveWhenPurgeIntervalReachedThenExpiredMembersRemoved() {
        store.save(member("old", "f0", Duration.ofDays(1)));
        clock.advance(Duration.ofDays(2));

        for (int i = 1; i < InMemoryRefreshTokenStore.PURGE_EVERY; i++) {
            store.save(member("h" + i, "f" + i));
        }

        assertEquals(Optional.empty(), store.find("old"));
        assertEquals(InMemoryRefreshTokenStore.PURGE_EVERY - 1, store.size());
    }

    private StoredRefreshToken member(String hash, String family) {
        return member(hash, family, Duration.ofDays(30));
    }

    private StoredRefreshToken member(String hash, String family, Duration lifetime) {
        return new StoredRefreshToken(hash, family, "alice", "app", Optional.empty(), List.of("s"), List.of("a"),
                clock.instant(), clock.instant().plus(lifetime), Optional.empty(), State.ACTIVE);
    }
}
