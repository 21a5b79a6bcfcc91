package io.tokengate.revocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokengate.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class InMemoryAccessTokenDenylistTest {
    private final TestClock clock = TestClock.create();
    private final InMemoryAccessTokenDenylist denylist = new InMemoryAccessTokenDenylist(clock);

    @Test
    void isDeniedWhenDeniedAndBeforeExpThenTrue() {
        denylist.deny("jti-1", clock.instant().plus(Duration.ofMinutes(10)));

        clock.advance(Duration.ofMinutes(9));

        assertTrue(denylist.isDenied("jti-1"));
        assertFalse(denylist.isDenied("jti-2"));
    }

    @Test
    void isDeniedWhenExpReachedThenEntryForgotten() {
        denylist.deny("jti-1", clock.instant().plus(Duration.ofMinutes(10)));

        clock.advance(Duration.ofMinutes(10));

        assertFalse(denylist.isDenied("jti-1"));
        assertEquals(0, denylist.size());
    }

    @Test
    void denyWhenExpAlreadyPassedThenNothingKept() {
        denylist.deny("jti-1", clock.instant());
        denylist.deny("jti-2", clock.instant().minusSeconds(1));

        assertFalse(denylist.isDenied("jti-1"));
        assertEquals(0, denylist.size());
    }

    @Test
    void denyWhenDeniedAgainWithEarlierExpThenLaterExpKept() {
        Instant later = clock.instant().plus(Duration.ofMinutes(10));
        denylist.deny("jti-1", later);
        denylist.deny("jti-1", clock.instant().plus(Duration.ofMinutes(1)));

        clock.advance(Duration.ofMinutes(5));

        assertTrue(denylist.isDenied("jti-1"));
    }

    @Test
    void denyWhenExpFarAwayThenKeptWithoutOverflow() {
        denylist.deny("jti-1", Instant.MAX);

        clock.advance(Duration.ofDays(365));

        assertTrue(denylist.isDenied("jti-1"));
    }
}
