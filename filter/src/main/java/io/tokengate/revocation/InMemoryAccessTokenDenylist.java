package io.tokengate.revocation;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * An {@link AccessTokenDenylist} in this process's memory (Caffeine), each entry expiring at its
 * token's {@code exp}. Time comes from the injected {@link Clock} (Caffeine's {@link Ticker} is
 * derived from it), so tests advance a fake clock instead of sleeping.
 *
 * <p>Limits: the list is not shared with other nodes and is lost on restart, so a revoked access
 * token is accepted again by a node that did not see the revocation. It has no size bound, since
 * evicting an entry early would make a revoked token valid again; its size is bounded by the
 * number of access tokens revoked within one access token lifetime. Thread-safe.
 */
public final class InMemoryAccessTokenDenylist implements AccessTokenDenylist {
    private final Clock clock;
    private final Cache<String, Instant> denied;

    public InMemoryAccessTokenDenylist(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        Ticker ticker = () -> {
            Instant now = clock.instant();
            return now.getEpochSecond() * 1_000_000_000L + now.getNano();
        };
        this.denied = Caffeine.newBuilder()
                .expireAfter(new UntilExpiry(clock))
                .ticker(ticker)
                .executor(Runnable::run)
                .build();
    }

    @Override
    public void deny(String jti, Instant expiresAt) {
        Objects.requireNonNull(jti, "jti");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (!expiresAt.isAfter(clock.instant())) {
            return;
        }
        denied.asMap().merge(jti, expiresAt, (old, now) -> old.isAfter(now) ? old : now);
    }

    @Override
    public boolean isDenied(String jti) {
        Instant expiresAt = denied.getIfPresent(Objects.requireNonNull(jti, "jti"));
        return expiresAt != null && expiresAt.isAfter(clock.instant());
    }

    /** How many entries are held, expired ones possibly included; for tests and monitoring. */
    public long size() {
        denied.cleanUp();
        return denied.estimatedSize();
    }

    /** Each entry lives until the {@code exp} it was denied until. */
    private record UntilExpiry(Clock clock) implements Expiry<String, Instant> {
        @Override
        public long expireAfterCreate(String key, Instant expiresAt, long currentTime) {
            return remaining(expiresAt);
        }

        @Override
        public long expireAfterUpdate(String key, Instant expiresAt, long currentTime, long currentDuration) {
            return remaining(expiresAt);
        }

        @Override
        public long expireAfterRead(String key, Instant expiresAt, long currentTime, long currentDuration) {
            return currentDuration;
        }

        private long remaining(Instant expiresAt) {
            Duration left = Duration.between(clock.instant(), expiresAt);
            if (left.isNegative()) {
                return 0;
            }
            return left.compareTo(Duration.ofDays(36_500)) > 0 ? Duration.ofDays(36_500).toNanos() : left.toNanos();
        }
    }
}
