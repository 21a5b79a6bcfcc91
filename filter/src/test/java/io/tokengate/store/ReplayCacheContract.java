package io.tokengate.store;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokengate.replay.ReplayCache;
import io.tokengate.testing.TestClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What every {@link ReplayCache} must do; run against memory, H2 and PostgreSQL. */
public abstract class ReplayCacheContract {
    protected static final Duration SKEW = Duration.ofSeconds(60);
    protected final TestClock clock = new TestClock(Instant.parse("2026-01-01T00:00:00Z"));

    protected abstract ReplayCache newCache(Clock clock, Duration skew);

    @Test
    void markUsedWhenFirstUseThenTrueAndSecondUseFalse() {
        ReplayCache cache = newCache(clock, SKEW);
        Instant exp = clock.instant().plus(Duration.ofMinutes(5));

        assertTrue(cache.markUsed("jwt-assertion:idp", "id-1", exp));
        assertFalse(cache.markUsed("jwt-assertion:idp", "id-1", exp));
    }

    @Test
    void markUsedWhenSameIdInAnotherNamespaceThenTrue() {
        ReplayCache cache = newCache(clock, SKEW);
        Instant exp = clock.instant().plus(Duration.ofMinutes(5));
        cache.markUsed("jwt-assertion:idp-a", "id-1", exp);

        assertTrue(cache.markUsed("jwt-assertion:idp-b", "id-1", exp));
    }

    @Test
    void markUsedWhenStillWithinSkewAfterExpiryThenStillReplay() {
        ReplayCache cache = newCache(clock, SKEW);
        Instant exp = clock.instant().plus(Duration.ofMinutes(5));
        cache.markUsed("ns", "id-1", exp);
        clock.advance(Duration.ofMinutes(5).plusSeconds(30));

        assertFalse(cache.markUsed("ns", "id-1", exp));
    }

    @Test
    void markUsedWhenExpiryAndSkewPassedThenForgotten() {
        ReplayCache cache = newCache(clock, SKEW);
        Instant exp = clock.instant().plus(Duration.ofMinutes(5));
        cache.markUsed("ns", "id-1", exp);
        clock.advance(Duration.ofMinutes(7));
        Instant later = clock.instant().plus(Duration.ofMinutes(5));

        assertTrue(cache.markUsed("ns", "id-1", later));
        assertFalse(cache.markUsed("ns", "id-1", later));
    }

    @Test
    void markUsedWhenIdentifierIsVeryLongThenStillSingleUse() {
        ReplayCache cache = newCache(clock, SKEW);
        String id = "x".repeat(5000);
        Instant exp = clock.instant().plus(Duration.ofMinutes(5));

        assertTrue(cache.markUsed("ns", id, exp));
        assertFalse(cache.markUsed("ns", id, exp));
    }
}
