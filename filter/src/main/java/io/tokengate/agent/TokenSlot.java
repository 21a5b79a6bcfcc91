package io.tokengate.agent;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The token state of one key: the current token (or the one request in flight for it) and the
 * background renewal in flight, if any. Swapped only by compare-and-set, so that however many
 * threads find the token missing, stale or rejected at once, exactly one of them starts the
 * token request and the others wait for its result.
 */
final class TokenSlot {
    /** A token with the instants (agent clock, epoch millis) at which to renew it and to stop handing it out. */
    record Entry(AccessToken token, long refreshAtMillis, long staleAtMillis) {
    }

    final AtomicReference<CompletableFuture<Entry>> current = new AtomicReference<>();
    final AtomicReference<CompletableFuture<Entry>> renewing = new AtomicReference<>();

    /** The current entry if its request completed successfully, else {@code null}. */
    static Entry done(CompletableFuture<Entry> future) {
        return future != null && future.isDone() && !future.isCompletedExceptionally() ? future.getNow(null) : null;
    }
}
