package io.tokengate.refresh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokengate.refresh.StoredRefreshToken.State;
import io.tokengate.testing.TestClock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class InMemoryRefreshTokenStoreTest {
    private final TestClock clock = TestClock.create();
    private final InMemoryRefreshTokenStore store = new InMemoryRefreshTokenStore(clock);

    @Test
    void saveWhenHashAlreadyStoredThenIllegalState() {
        store.save(member("h1", "f1"));

        assertThrows(IllegalStateException.class, () -> store.save(member("h1", "f2")));
    }

    @Test
    void rotateWhenActiveThenTrueOldRotatedSuccessorStored() {
        store.save(member("h1", "f1"));

        assertTrue(store.rotate("h1", member("h2", "f1")));

        assertEquals(State.ROTATED, store.find("h1").orElseThrow().state());
        assertEquals(State.ACTIVE, store.find("h2").orElseThrow().state());
    }

    @Test
    void rotateWhenAlreadyRotatedThenFalseAndSuccessorNotStored() {
        store.save(member("h1", "f1"));
        store.rotate("h1", member("h2", "f1"));

        assertFalse(store.rotate("h1", member("h3", "f1")));

        assertEquals(Optional.empty(), store.find("h3"));
    }

    @Test
    void rotateWhenUnknownThenFalse() {
        assertFalse(store.rotate("nope", member("h2", "f1")));
    }

    @Test
    void rotateWhenFamilyRevokedThenFalse() {
        store.save(member("h1", "f1"));
        store.revokeFamily("f1");

        assertFalse(store.rotate("h1", member("h2", "f1")));
    }

    @Test
    void rotateWhenSuccessorOfAnotherFamilyThenIllegalArgument() {
        store.save(member("h1", "f1"));

        assertThrows(IllegalArgumentException.class, () -> store.rotate("h1", member("h2", "f2")));
        assertEquals(State.ACTIVE, store.find("h1").orElseThrow().state());
    }

    @Test
    void findWhenFamilyRevokedThenEveryMemberRevokedOthersUntouched() {
        store.save(member("h1", "f1"));
        store.rotate("h1", member("h2", "f1"));
        store.save(member("h3", "f2"));

        store.revokeFamily("f1");

        assertEquals(State.REVOKED, store.find("h1").orElseThrow().state());
        assertEquals(State.REVOKED, store.find("h2").orElseThrow().state());
        assertEquals(State.ACTIVE, store.find("h3").orElseThrow().state());
    }

    @Test
    void rotateWhenManyThreadsRaceOnOneTokenThenExactlyOneSucceeds() throws Exception {
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0; round < 50; round++) {
                String hash = "h" + round;
                store.save(member(hash, "f" + round));
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Boolean>> results = new java.util.ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    StoredRefreshToken successor = member(hash + "-" + t, "f" + round);
                    results.add(pool.submit(() -> {
                        go.await();
                        return store.rotate(hash, successor);
                    }));
                }
                go.countDown();
                int won = 0;
                for (Future<Boolean> result : results) {
                    won += result.get(10, TimeUnit.SECONDS) ? 1 : 0;
                }
                assertEquals(1, won, "round " + round);
            }
        } finally {
            pool.shutdownNow();
        }
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
