package io.tokengate.user;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokengate.testing.TestClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
    private static final String ADDRESS = "203.0.113.7";
    private static final String OTHER_ADDRESS = "198.51.100.9";

    private final TestClock clock = TestClock.create();
    private final LoginThrottle throttle = LoginThrottle.withDefaults(clock);

    @Test
    void isThrottledWhenFourFailuresThenNotYet() {
        fail("alice", ADDRESS, 4);

        assertFalse(throttle.isThrottled("alice", ADDRESS));
    }

    @Test
    void isThrottledWhenFiveFailuresForUserFromManyAddressesThenUserThrottledEverywhere() {
        for (int i = 0; i < 5; i++) {
            throttle.recordFailure("alice", "192.0.2." + i);
        }

        assertTrue(throttle.isThrottled("alice", OTHER_ADDRESS));
        assertFalse(throttle.isThrottled("bob", OTHER_ADDRESS));
    }

    @Test
    void isThrottledWhenFiveFailuresFromAddressForManyUsersThenAddressThrottledForEveryone() {
        for (int i = 0; i < 5; i++) {
            throttle.recordFailure("user" + i, ADDRESS);
        }

        assertTrue(throttle.isThrottled("bob", ADDRESS));
        assertFalse(throttle.isThrottled("bob", OTHER_ADDRESS));
    }

    @Test
    void isThrottledWhenWindowPassesSinceOldestFailureThenAllowedAgain() {
        fail("alice", ADDRESS, 5);
        clock.advance(Duration.ofMinutes(15).minusSeconds(1));
        assertTrue(throttle.isThrottled("alice", ADDRESS));

        clock.advance(Duration.ofSeconds(1));

        assertFalse(throttle.isThrottled("alice", ADDRESS));
    }

    @Test
    void isThrottledWhenFailuresSpreadWiderThanWindowThenNotThrottled() {
        for (int i = 0; i < 10; i++) {
            throttle.recordFailure("alice", ADDRESS);
            clock.advance(Duration.ofMinutes(4));
        }

        assertFalse(throttle.isThrottled("alice", ADDRESS));
    }

    @Test
    void isThrottledWhenFifthFailureLaterInSlidingWindowThenThrottledUntilSecondOldestAges() {
        fail("alice", ADDRESS, 1);
        clock.advance(Duration.ofMinutes(10));
        fail("alice", ADDRESS, 4);
        assertTrue(throttle.isThrottled("alice", ADDRESS));

        clock.advance(Duration.ofMinutes(5));
        assertFalse(throttle.isThrottled("alice", ADDRESS));
        fail("alice", ADDRESS, 1);

        assertTrue(throttle.isThrottled("alice", ADDRESS));
    }

    @Test
    void recordSuccessWhenUserHadFailuresThenUserCountCleared() {
        fail("alice", ADDRESS, 4);

        throttle.recordSuccess("alice");
        throttle.recordFailure("alice", OTHER_ADDRESS);

        assertFalse(throttle.isThrottled("alice", OTHER_ADDRESS));
    }

    @Test
    void recordSuccessWhenAddressThrottledThenAddressStaysThrottled() {
        fail("alice", ADDRESS, 5);

        throttle.recordSuccess("alice");

        assertTrue(throttle.isThrottled("alice", ADDRESS));
        assertFalse(throttle.isThrottled("alice", OTHER_ADDRESS));
    }

    @Test
    void recordFailureWhenRemoteAddressUnknownThenCountedUnderOneKey() {
        fail("alice", null, 5);

        assertTrue(throttle.isThrottled("bob", null));
    }

    @Test
    void constructorWhenOptionsOutOfRangeThenRefused() {
        assertThrows(IllegalArgumentException.class, () -> new LoginThrottle(0, Duration.ofMinutes(15), clock));
        assertThrows(IllegalArgumentException.class, () -> new LoginThrottle(5, Duration.ZERO, clock));
        assertThrows(IllegalArgumentException.class, () -> new LoginThrottle(5, Duration.ofDays(2), clock));
    }

    private void fail(String username, String address, int times) {
        for (int i = 0; i < times; i++) {
            throttle.recordFailure(username, address);
        }
    }
}
