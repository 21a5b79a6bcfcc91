package io.tokengate.store;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokengate.revocation.AccessTokenDenylist;
import io.tokengate.testing.TestClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What every {@link AccessTokenDenylist} must do; run against memory, H2 and PostgreSQL. */
public abstract class AccessTokenDenylistContract {
    protected final TestClock clock = new TestClock(Instant.parse("2026-01-01T00:00:00Z"));

    protected abstract AccessTokenDenylist newDenylist(Clock clock);

    @Test
    void isDeniedWhenDeniedThenTrueUntilExpiry() {
        AccessTokenDenylist list = newDenylist(clock);
        list.deny("jti-1", clock.instant().plus(Duration.ofMinutes(10)));

        assertTrue(list.isDenied("jti-1"));
        assertFalse(list.isDenied("jti-2"));
        clock.advance(Duration.ofMinutes(10));
        assertFalse(list.isDenied("jti-1"));
    }

    @Test
    void denyWhenDeniedAgainWithLaterExpiryThenLaterKept() {
        AccessTokenDenylist list = newDenylist(clock);
        list.deny("jti-1", clock.instant().plus(Duration.ofMinutes(10)));
        list.deny("jti-1", clock.instant().plus(Duration.ofMinutes(20)));
        list.deny("jti-1", clock.instant().plus(Duration.ofMinutes(5)));
        clock.advance(Duration.ofMinutes(15));

        assertTrue(list.isDenied("jti-1"));
    }

    @Test
    void denyWhenExpiryPassedThenNothingChanges() {
        AccessTokenDenylist list = newDenylist(clock);
        list.deny("jti-1", clock.instant().minusSeconds(1));

        assertFalse(list.isDenied("jti-1"));
    }
}
