package io.tokengate.replay;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A {@link ReplayCache} in local memory (Caffeine), each entry kept until its own expiry plus the
 * clock skew. Deliberately unbounded in count: evicting an unexpired entry would re-open it for
 * replay, and only verified, signed artefacts with a bounded lifetime are ever recorded, so the
 * size is bounded by the rate of genuine assertions times their maximum lifetime. Time comes from
 * the injected {@link Clock}.
 */
public final class InMemoryReplayCache implements ReplayCache {
    private final Cache<String, Instant> used;
    private final Clock clock;
    private final Duration skew;

    public InMemoryReplayCache(Clock clock, Duration skew) {
        this.clock = clock;
        this.skew = skew;
        Ticker ticker = () -> {
            Instant now = clock.instant();
            return now.getEpochSecond() * 1_000_000_000L + now.getNano();
        };
        this.used = Caffeine.newBuilder()
                .ticker(ticker)
                .expireAfter(new Expiry<String, Instant>() {
                    @Override
                    public long expireAfterCreate(String key, Instant keepUntil, long currentTime) {
                        return Math.max(0, Duration.between(clock.instant(), keepUntil).toNanos());
                    }

                    @Override
                    public long expireAfterUpdate(String key, Instant keepUntil, long currentTime, long currentDuration) {
                        return currentDuration;
                    }

                    @Override
                    public long expireAfterRead(String key, Instant keepUntil, long currentTime, long currentDuration) {
                        return currentDuration;
                    }
                })
                .build();
    }

    @Override
    public boolean markUsed(String namespace, String id, Instant expiresAt) {
        Instant keepUntil = expiresAt.plus(skew);
        if (!keepUntil.isAfter(clock.instant())) {
            return true; // already expired: validation refuses it anyway, nothing to remember
        }
        AtomicBoolean first = new AtomicBoolean(false);
        used.asMap().computeIfAbsent(namespace + '\u0000' + id, k -> {
            first.set(true);
            return keepUntil;
        });
        return first.get();
    }

    /** Entries currently remembered, for tests and metrics. */
    public long size() {
        used.cleanUp();
        return used.estimatedSize();
    }
}
