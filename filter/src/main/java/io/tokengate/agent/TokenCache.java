package io.tokengate.agent;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tokens by (subject, audience, scopes), held in a Caffeine cache bounded in size and idle time.
 * A token is handed out until {@code expirySkew} before it expires; from {@code refreshAhead}
 * before, the first caller also starts a background renewal (refresh token first), while everyone
 * keeps the current token. A missing, failed, stale or rejected token is requested by exactly one
 * caller; the others wait for that request, at most {@code acquireTimeout}. A failed request is not
 * cached: the next caller tries again. Time comes from the injected clock (the cache's ticker too).
 * Thread-safe.
 */
final class TokenCache {
    private static final Logger LOG = LoggerFactory.getLogger(TokenCache.class);

    private final Cache<TokenKey, TokenSlot> slots;
    private final TokenFetcher fetcher;
    private final TokenAgentConfig config;
    private final Clock clock;
    private final Executor executor;

    TokenCache(TokenFetcher fetcher, TokenAgentConfig config, Clock clock, Executor executor) {
        this.fetcher = fetcher;
        this.config = config;
        this.clock = clock;
        this.executor = executor;
        this.slots = Caffeine.newBuilder().maximumSize(config.maximumKeys())
                .expireAfterAccess(config.idleExpiry()).ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .executor(executor).build();
    }

    AccessToken get(TokenKey key) {
        TokenSlot slot = slots.getIfPresent(key);
        if (slot == null) {
            slot = slots.get(key, k -> new TokenSlot());
        }
        CompletableFuture<TokenSlot.Entry> current = slot.current.get();
        TokenSlot.Entry entry = TokenSlot.done(current);
        if (entry != null) {
            long now = clock.millis();
            if (now < entry.refreshAtMillis()) {
                return entry.token();
            }
            if (now < entry.staleAtMillis()) {
                renewInBackground(key, slot, current, entry);
                return entry.token();
            }
        }
        return await(key, renew(key, slot, current));
    }

    /** Drops {@code rejected} (a resource refused it) and starts requesting its successor, unless already done. */
    void invalidate(TokenKey key, AccessToken rejected) {
        TokenSlot slot = slots.getIfPresent(key);
        if (slot == null) {
            return;
        }
        CompletableFuture<TokenSlot.Entry> current = slot.current.get();
        TokenSlot.Entry entry = TokenSlot.done(current);
        if (entry != null && entry.token().value().equals(rejected.value())) {
            CompletableFuture<TokenSlot.Entry> fresh = new CompletableFuture<>();
            if (slot.current.compareAndSet(current, fresh)) {
                start(key, Optional.of(rejected), fresh);
            }
        }
    }

    long size() {
        return slots.estimatedSize();
    }

    private CompletableFuture<TokenSlot.Entry> renew(TokenKey key, TokenSlot slot, CompletableFuture<TokenSlot.Entry> seen) {
        CompletableFuture<TokenSlot.Entry> background = slot.renewing.get();
        if (background != null) {
            return background;
        }
        if (seen != null && (!seen.isDone() || isUsable(TokenSlot.done(seen)))) {
            // in flight, or it completed with a good token since the caller looked: wait for or take that one
            return seen;
        }
        CompletableFuture<TokenSlot.Entry> fresh = new CompletableFuture<>();
        if (slot.current.compareAndSet(seen, fresh)) {
            start(key, Optional.ofNullable(TokenSlot.done(seen)).map(TokenSlot.Entry::token), fresh);
            return fresh;
        }
        return slot.current.get();
    }

    private boolean isUsable(TokenSlot.Entry entry) {
        return entry != null && clock.millis() < entry.staleAtMillis();
    }

    private void renewInBackground(TokenKey key, TokenSlot slot, CompletableFuture<TokenSlot.Entry> seen,
            TokenSlot.Entry entry) {
        CompletableFuture<TokenSlot.Entry> renewal = new CompletableFuture<>();
        if (!slot.renewing.compareAndSet(null, renewal)) {
            return;
        }
        renewal.whenComplete((fresh, failure) -> {
            if (failure == null) {
                slot.current.compareAndSet(seen, CompletableFuture.completedFuture(fresh));
            } else {
                LOG.warn("background renewal of the token for {} failed; the current token is used until it is stale: {}",
                        key, failure.getMessage());
            }
            slot.renewing.set(null);
        });
        try {
            executor.execute(() -> start(key, Optional.of(entry.token()), renewal));
        } catch (RuntimeException e) {
            renewal.completeExceptionally(e);
        }
    }

    private void start(TokenKey key, Optional<AccessToken> previous, CompletableFuture<TokenSlot.Entry> target) {
        CompletableFuture<AccessToken> request;
        try {
            request = fetcher.fetch(key, previous);
        } catch (RuntimeException e) {
            target.completeExceptionally(e);
            return;
        }
        request.whenComplete((token, failure) -> {
            if (failure == null) {
                target.complete(entry(token));
            } else {
                target.completeExceptionally(failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure);
            }
        });
    }

    private TokenSlot.Entry entry(AccessToken token) {
        long now = clock.millis();
        long expiresAt = token.expiresAt().toEpochMilli();
        long lifetime = Math.max(0, expiresAt - now);
        return new TokenSlot.Entry(token, expiresAt - Math.min(config.refreshAhead().toMillis(), lifetime / 2),
                expiresAt - Math.min(config.expirySkew().toMillis(), lifetime / 4));
    }

    private AccessToken await(TokenKey key, CompletableFuture<TokenSlot.Entry> future) {
        try {
            return future.get(config.acquireTimeout().toMillis(), TimeUnit.MILLISECONDS).token();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof TokenRequestException t) {
                throw new TokenRequestException(t.error(), t.getMessage(), t.status().orElse(0), t.retryable(), t);
            }
            throw new TokenRequestException("server_error", "could not obtain a token for " + key + ": " + cause, 0, false, cause);
        } catch (TimeoutException e) {
            throw new TokenRequestException("temporarily_unavailable", "no token for " + key + " within the acquireTimeout of "
                    + config.acquireTimeout().toMillis() + " ms; the token endpoint is slow or unreachable", 0, true, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TokenRequestException("temporarily_unavailable", "interrupted while waiting for a token for " + key,
                    0, true, e);
        }
    }
}
