package io.tokengate.user;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Slows down password guessing at the password grant (RFC 6749 §4.3: "the authorization server
 * MUST protect the endpoint against brute force attacks"). Failed sign-ins are counted per
 * username and per remote address, in a sliding window: once {@code maxFailures} failures fall
 * within {@code window} (default 5 in 15 minutes), that username — whether or not it exists — or
 * that address is throttled: further attempts are refused without checking the password until the
 * oldest of those failures is {@code window} old. Throttled attempts are not counted, so the lock
 * lifts on its own. A successful sign-in clears the user's count (not the address's).
 *
 * <p>Limits of this design: the count lives in this process (Caffeine, at most
 * 100,000 usernames and as many addresses, least recently used evicted first); a
 * burst of concurrent attempts may exceed the limit by the number in flight; behind a reverse
 * proxy every request has the proxy's address, so the per-address limit then applies to all
 * users together.
 *
 * <p>Time comes from the injected {@link Clock} (Caffeine's {@link Ticker} is derived from it), so
 * tests advance a fake clock. Thread-safe.
 */
public final class LoginThrottle {
    public static final int DEFAULT_MAX_FAILURES = 5;
    public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(15);
    static final long MAXIMUM_KEYS = 100_000;

    private final int maxFailures;
    private final Duration window;
    private final Clock clock;
    private final Cache<String, Failures> byUser;
    private final Cache<String, Failures> byAddress;

    /**
     * @param maxFailures failures within {@code window} that throttle a username or address, 1 to 1000
     * @param window      how far back failures count, 1 second to 1 day
     * @throws IllegalArgumentException naming the parameter out of range
     */
    public LoginThrottle(int maxFailures, Duration window, Clock clock) {
        if (maxFailures < 1 || maxFailures > 1000) {
            throw new IllegalArgumentException("maxFailures must be 1 to 1000, was " + maxFailures);
        }
        if (window.compareTo(Duration.ofSeconds(1)) < 0 || window.compareTo(Duration.ofDays(1)) > 0) {
            throw new IllegalArgumentException("window must be 1 second to 1 day, was " + window);
        }
        this.maxFailures = maxFailures;
        this.window = window;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.byUser = cache();
        this.byAddress = cache();
    }

    /** {@value #DEFAULT_MAX_FAILURES} failures in 15 minutes. */
    public static LoginThrottle withDefaults(Clock clock) {
        return new LoginThrottle(DEFAULT_MAX_FAILURES, DEFAULT_WINDOW, clock);
    }

    private Cache<String, Failures> cache() {
        Ticker ticker = () -> {
            Instant now = clock.instant();
            return now.getEpochSecond() * 1_000_000_000L + now.getNano();
        };
        return Caffeine.newBuilder()
                .maximumSize(MAXIMUM_KEYS)
                .expireAfterWrite(window)
                .ticker(ticker)
                .executor(Runnable::run)
                .build();
    }

    /** Whether attempts for {@code username} or from {@code remoteAddress} are refused for now. */
    public boolean isThrottled(String username, String remoteAddress) {
        Instant now = clock.instant();
        return exceeded(byUser.getIfPresent(username), now) || exceeded(byAddress.getIfPresent(address(remoteAddress)), now);
    }

    /** Counts a failed sign-in (wrong password, unknown or disabled user) against both. */
    public void recordFailure(String username, String remoteAddress) {
        Instant now = clock.instant();
        byUser.asMap().compute(username, (k, f) -> add(f, now));
        byAddress.asMap().compute(address(remoteAddress), (k, f) -> add(f, now));
    }

    /** Clears the failures counted against {@code username}. */
    public void recordSuccess(String username) {
        byUser.invalidate(username);
    }

    private boolean exceeded(Failures failures, Instant now) {
        return failures != null && failures.times().size() >= maxFailures
                && failures.times().get(0).isAfter(now.minus(window));
    }

    private Failures add(Failures failures, Instant now) {
        Instant cutoff = now.minus(window);
        List<Instant> times = new ArrayList<>(maxFailures + 1);
        if (failures != null) {
            failures.times().stream().filter(t -> t.isAfter(cutoff)).forEach(times::add);
        }
        times.add(now);
        return new Failures(times.subList(Math.max(0, times.size() - maxFailures), times.size()));
    }

    private static String address(String remoteAddress) {
        return remoteAddress == null ? "" : remoteAddress;
    }

    /** The most recent failures within the window, oldest first, at most {@code maxFailures}. */
    private record Failures(List<Instant> times) {
        Failures {
            times = List.copyOf(times);
        }
    }

    @Override
    public String toString() {
        return "LoginThrottle[" + maxFailures + " failures in " + window + "]";
    }
}
