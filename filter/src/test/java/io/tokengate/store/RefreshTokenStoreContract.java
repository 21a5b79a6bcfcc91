package io.tokengate.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokengate.refresh.RefreshTokenStore;
import io.tokengate.refresh.StoredRefreshToken;
import io.tokengate.refresh.StoredRefreshToken.State;
import io.tokengate.testing.TestClock;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What every {@link RefreshTokenStore} must do; run against memory, H2 and PostgreSQL. */
public abstract class RefreshTokenStoreContract {
    protected final TestClock clock = new TestClock(java.time.Instant.parse("2026-01-01T00:00:00Z"));

    protected abstract RefreshTokenStore newStore(Clock clock);

    @Test
    void findWhenSavedThenEveryFieldAsSaved() {
        RefreshTokenStore store = newStore(clock);
        StoredRefreshToken saved = new StoredRefreshToken("h1", "f1", "alice", "app", Optional.of("thumb"),
                List.of("b", "a"), List.of("https://api/"), clock.instant(), clock.instant().plus(Duration.ofDays(1)),
                Optional.of(clock.instant().plus(Duration.ofDays(9))), State.ACTIVE);
        store.save(saved);

        assertEquals(saved, store.find("h1").orElseThrow());
    }

    @Test
    void findWhenUnknownThenEmpty() {
        assertEquals(Optional.empty(), newStore(clock).find("nope"));
    }

    @Test
    void saveWhenHashAlreadyStoredThenIllegalState() {
        RefreshTokenStore store = newStore(clock);
        store.save(member("h1", "f1"));

        assertThrows(IllegalStateException.class, () -> store.save(member("h1", "f2")));
    }

    @Test
    void rotateWhenActiveThenOldRotatedAndSuccessorActive() {
        RefreshTokenStore store = newStore(clock);
        store.save(member("h1", "f1"));

        assertTrue(store.rotate("h1", member("h2", "f1")));

        assertEquals(State.ROTATED, store.find("h1").orElseThrow().state());
        assertEquals(State.ACTIVE, store.find("h2").orElseThrow().state());
    }

    @Test
    void rotateWhenAlreadyRotatedThenFalseAndSuccessorNotStored() {
        RefreshTokenStore store = newStore(clock);
        store.save(member("h1", "f1"));
        store.rotate("h1", member("h2", "f1"));

        assertFalse(store.rotate("h1", member("h3", "f1")));
        assertEquals(Optional.empty(), store.find("h3"));
    }

    @Test
    void rotateWhenUnknownThenFalse() {
        assertFalse(newStore(clock).rotate("nope", member("h2", "f1")));
    }

    @Test
    void rotateWhenFamilyRevokedThenFalse() {
        RefreshTokenStore store = newStore(clock);
        store.save(member("h1", "f1"));
        store.revokeFamily("f1");

        assertFalse(store.rotate("h1", member("h2", "f1")));
    }

    @Test
    void revokeFamilyWhenRevokedTwiceThenEveryMemberRevokedAndOtherFamiliesUntouched() {
        RefreshTokenStore store = newStore(clock);
        store.save(member("h1", "f1"));
        store.rotate("h1", member("h2", "f1"));
        store.save(member("h3", "f2"));

        store.revokeFamily("f1");
        store.revokeFamily("f1");

        assertEquals(State.REVOKED, store.find("h1").orElseThrow().state());
        assertEquals(State.REVOKED, store.find("h2").orElseThrow().state());
        assertEquals(State.ACTIVE, store.find("h3").orElseThrow().state());
    }

    @Test
    void rotateWhenManyThreadsRaceOnOneTokenThenExactlyOneSucceeds() throws Exception {
        RefreshTokenStore store = newStore(clock);
        int threads = 6;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0; round < 10; round++) {
                String hash = "h" + round;
                store.save(member(hash, "f" + round));
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Boolean>> results = new ArrayList<>();
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
                    won += result.get(20, TimeUnit.SECONDS) ? 1 : 0;
                }
                assertEquals(1, won, "round " + round);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    protected StoredRefreshToken member(String hash, String family) {
        return new StoredRefreshToken(hash, family, "alice", "app", Optional.empty(), List.of("s"), List.of("a"),
                clock.instant().truncatedTo(ChronoUnit.MILLIS),
                clock.instant().plus(Duration.ofDays(30)).truncatedTo(ChronoUnit.MILLIS), Optional.empty(), State.ACTIVE);
    }
}
