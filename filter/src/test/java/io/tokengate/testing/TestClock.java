package io.tokengate.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link Clock} that stands still until a test moves it with {@link #advance}, so expiry and
 * time windows are tested without sleeping. UTC; thread-safe.
 */
public final class TestClock extends Clock {
    private final AtomicReference<Instant> now;

    public TestClock(Instant start) {
        this.now = new AtomicReference<>(start);
    }

    /** A clock at 2026-01-01T00:00:00Z. */
    public static TestClock create() {
        return new TestClock(Instant.parse("2026-01-01T00:00:00Z"));
    }

    /** Moves the clock forward by {@code amount}. */
    public TestClock advance(Duration amount) {
        now.updateAndGet(t -> t.plus(amount));
        return this;
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("a TestClock is UTC only");
    }
}
