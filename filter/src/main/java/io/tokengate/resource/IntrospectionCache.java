package io.tokengate.resource;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Introspection answers by the SHA-256 of the token ({@link TokenDigest}; never the token), each
 * kept until its {@link Answer#keepUntil()}, bounded by size. One request per token is in flight:
 * the first caller asks on its own thread while concurrent callers for the same token wait for
 * that answer (at most {@code wait}), so a burst of requests with a new token costs the
 * authorization server one introspection. A failed request is shared by its waiters and not kept,
 * so the next request asks again. Time runs on the injected clock (Caffeine's ticker is derived
 * from it). Thread-safe.
 */
final class IntrospectionCache {
    private final AsyncCache<TokenDigest, Answer> cache;
    private final Duration wait;

    IntrospectionCache(long maxSize, Clock clock, Duration wait) {
        this.wait = wait;
        this.cache = Caffeine.newBuilder()
                .maximumSize(Math.max(1, maxSize))
                .ticker(() -> nanos(clock.instant()))
                .expireAfter(new UntilKeepUntil())
                .executor(Runnable::run)
                .recordStats()
                .buildAsync();
    }

    /**
     * The kept answer for {@code key}, or the one {@code ask} gives (on this thread, if no other
     * is asking already).
     *
     * @throws BearerTokenException what {@code ask} threw, or {@code temporarily_unavailable} when
     *         the answer another thread is waiting for does not come within {@code wait}
     */
    Answer get(TokenDigest key, Supplier<Answer> ask) {
        CompletableFuture<Answer> answer = cache.getIfPresent(key); // the one hit or miss counted
        if (answer == null) {
            CompletableFuture<Answer> mine = new CompletableFuture<>();
            answer = cache.asMap().putIfAbsent(key, mine);
            if (answer == null) {
                answer = mine;
                complete(key, mine, ask);
            }
        }
        try {
            return answer.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw TokenIntrospector.unavailable();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw TokenIntrospector.unavailable();
        }
    }

    /** Asks on this thread and hands the answer to whoever waits for {@code mine}. */
    private void complete(TokenDigest key, CompletableFuture<Answer> mine, Supplier<Answer> ask) {
        try {
            mine.complete(ask.get());
        } catch (BearerTokenException e) {
            // Not kept: removed first, then handed to the waiters as an answer (an exceptional
            // completion would also be logged by Caffeine, a second line for one failure).
            cache.asMap().remove(key, mine);
            mine.complete(new Answer(null, e, Instant.EPOCH));
        } catch (RuntimeException e) {
            cache.asMap().remove(key, mine);
            mine.completeExceptionally(e);
        }
    }

    CacheStatistics statistics() {
        CacheStats stats = cache.synchronous().stats();
        return new CacheStatistics(stats.hitCount(), stats.missCount(), stats.evictionCount(),
                cache.synchronous().estimatedSize());
    }

    private static long nanos(Instant t) {
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }

    /**
     * What introspection said about one token: the validated token, or the refusal to repeat.
     *
     * @param token     the token, when active and acceptable; else null
     * @param refusal   the {@code invalid_token} refusal, when not; else null
     * @param keepUntil when the answer must be asked for again
     */
    record Answer(ValidatedToken token, BearerTokenException refusal, Instant keepUntil) {
        ValidatedToken tokenOrThrow() {
            if (refusal != null) {
                throw refusal;
            }
            return token;
        }
    }

    /** An answer lives until its {@code keepUntil}, however often it is read. */
    private static final class UntilKeepUntil implements Expiry<TokenDigest, Answer> {
        @Override
        public long expireAfterCreate(TokenDigest key, Answer value, long currentTime) {
            return Math.max(0, nanos(value.keepUntil()) - currentTime);
        }

        @Override
        public long expireAfterUpdate(TokenDigest key, Answer value, long currentTime, long currentDuration) {
            return expireAfterCreate(key, value, currentTime);
        }

        @Override
        public long expireAfterRead(TokenDigest key, Answer value, long currentTime, long currentDuration) {
            return currentDuration;
        }
    }
}
