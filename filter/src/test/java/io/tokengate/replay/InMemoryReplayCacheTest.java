package io.tokengate.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokengate.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class InMemoryReplayCacheTest {
    private static final Instant NOW = Instant.parse("2030-01-15T10:00:00Z");
    private static final Duration SKEW = Duration.ofSeconds(60);
    private static final Instant EXPIRES = NOW.plus(Duration.ofMinutes(5));

    private final MutableClock clock = new MutableClock(NOW);
    private final InMemoryReplayCache cache = new InMemoryReplayCache(clock, SKEW);

    @Test
    void markUsedWhenFirstUseThenTrue() {
        assertTrue(cache.markUsed("jwt-assertion:idp", "jti-1", EXPIRES));
        assertEquals(1, cache.size());
    }

    @Test
    void markUsedWhenSecondUseThenFalse() {
        cache.markUsed("jwt-assertion:idp", "jti-1", EXPIRES);

        assertFalse(cache.markUsed("jwt-assertion:idp", "jti-1", EXPIRES));
    }

    @Test
    void markUsedWhenSameIdInOtherNamespaceThenIndependent() {
        cache.markUsed("jwt-assertion:idp", "jti-1", EXPIRES);

        assertTrue(cache.markUsed("client-assertion:orders-service", "jti-1", EXPIRES));
        assertFalse(cache.markUsed("client-assertion:orders-service", "jti-1", EXPIRES));
        assertEquals(2, cache.size());
    }

    @Test
    void markUsedWhenNamespaceAndIdConcatenateAlikeThenStillIndependent() {
        cache.markUsed("ns", "a:b", EXPIRES);

        assertTrue(cache.markUsed("ns:a", "b", EXPIRES));
    }

    @Test
    void markUsedWhenExpiredButWithinSkewThenStillRemembered() {
        cache.markUsed("ns", "jti-1", EXPIRES);
        clock.set(EXPIRES.plus(SKEW).minusSeconds(1));

        assertFalse(cache.markUsed("ns", "jti-1", EXPIRES.plus(Duration.ofMinutes(5))));
    }

    @Test
    void markUsedWhenPastExpiryPlusSkewThenForgotten() {
        cache.markUsed("ns", "jti-1", EXPIRES);
        clock.set(EXPIRES.plus(SKEW).plusSeconds(1));

        // a later expiry, so the answer comes from the cache and not from the already-expired shortcut
        assertTrue(cache.markUsed("ns", "jti-1", EXPIRES.plus(Duration.ofMinutes(10))));
    }

    @Test
    void sizeWhenClockPassesExpiryPlusSkewThenEntryEvicted() {
        cache.markUsed("ns", "jti-1", EXPIRES);
        cache.markUsed("ns", "jti-2", EXPIRES.plus(Duration.ofHours(1)));

        clock.set(EXPIRES.plus(SKEW).plus(Duration.ofMinutes(1)));

        assertEquals(1, cache.size());
    }

    @Test
    void markUsedWhenAlreadyExpiredBeyondSkewThenTrueAndNotStored() {
        Instant longAgo = NOW.minus(SKEW).minusSeconds(1);

        assertTrue(cache.markUsed("ns", "jti-old", longAgo));
        assertTrue(cache.markUsed("ns", "jti-old", longAgo));
        assertEquals(0, cache.size());
    }

    @Test
    void markUsedWhenExpiredButWithinSkewThenStored() {
        Instant justExpired = NOW.minusSeconds(30);

        assertTrue(cache.markUsed("ns", "jti-1", justExpired));
        assertFalse(cache.markUsed("ns", "jti-1", justExpired));
    }

    @Test
    void markUsedWhenFiftyThreadsRaceOnOneIdThenExactlyOneWins() throws InterruptedException, ExecutionException {
        int threads = 50;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch ready = new CountDownLatch(threads);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return cache.markUsed("ns", "contested", EXPIRES);
                }));
            }
            assertTrue(ready.await(30, TimeUnit.SECONDS), "threads did not start");
            go.countDown();
            int wins = 0;
            for (Future<Boolean> result : results) {
                if (result.get()) {
                    wins++;
                }
            }
            assertEquals(1, wins);
        } finally {
            pool.shutdownNow();
        }
    }
}
