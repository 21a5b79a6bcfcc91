package io.tokengate.resource;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import java.time.Clock;
import java.time.Instant;

/**
 * Validated tokens by the SHA-256 of the token ({@link TokenDigest}; never the token itself), so
 * that a repeated token costs a hash and a lookup instead of a signature verification. Each entry
 * expires at the token's {@code exp} (Caffeine variable expiry on a ticker read from the injected
 * clock, so tests move time by hand); a token already past {@code exp} but within the clock skew
 * is not stored. Bounded by size; size 0 turns caching off. Certificate binding and scopes are
 * checked per request and are not part of what is cached. Thread-safe.
 */
final class ValidationCache {
    private final Cache<TokenDigest, ValidatedToken> cache;
    private final Clock clock;

    ValidationCache(long maxSize, Clock clock) {
        this.clock = clock;
        this.cache = maxSize == 0 ? null : Caffeine.newBuilder()
                .maximumSize(maxSize)
                .ticker(() -> nanos(clock.instant()))
                .expireAfter(new UntilExpiry())
                .recordStats()
                .build();
    }

    boolean enabled() {
        return cache != null;
    }

    /** The cached validation of the token with this digest, or {@code null}. */
    ValidatedToken get(TokenDigest key) {
        return cache.getIfPresent(key);
    }

    void put(TokenDigest key, ValidatedToken token) {
        if (token.expiresAt().isAfter(clock.instant())) {
            cache.put(key, token);
        }
    }

    CacheStatistics statistics() {
        if (cache == null) {
            return new CacheStatistics(0, 0, 0, 0);
        }
        CacheStats stats = cache.stats();
        return new CacheStatistics(stats.hitCount(), stats.missCount(), stats.evictionCount(), cache.estimatedSize());
    }

    /** Runs pending evictions now, for tests of the size bound. */
    void cleanUp() {
        if (cache != null) {
            cache.cleanUp();
        }
    }

    private static long nanos(Instant t) {
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }

    /** An entry lives until its token's {@code exp}, however often it is read. */
    private static final class UntilExpiry implements Expiry<TokenDigest, ValidatedToken> {
        @Override
        public long expireAfterCreate(TokenDigest key, ValidatedToken value, long currentTime) {
            return Math.max(0, nanos(value.expiresAt()) - currentTime);
        }

        @Override
        public long expireAfterUpdate(TokenDigest key, ValidatedToken value, long currentTime, long currentDuration) {
            return expireAfterCreate(key, value, currentTime);
        }

        @Override
        public long expireAfterRead(TokenDigest key, ValidatedToken value, long currentTime, long currentDuration) {
            return currentDuration;
        }
    }
}
