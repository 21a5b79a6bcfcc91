package io.tokengate.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.tokengate.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The cache's rules on a fake clock, with the token fetcher (its collaborator) mocked. */
class TokenCacheTest {
    private static final TokenKey KEY = TokenKey.of("alice", "https://api/", List.of("read"));

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final TokenFetcher fetcher = mock(TokenFetcher.class);
    private final TokenAgentConfig config = TokenAgentConfig.builder("agent").tokenEndpoint("https://as/token")
            .clientSecret("s").assertionSource((s, e) -> "a").refreshAhead(Duration.ofMinutes(2))
            .expirySkew(Duration.ofSeconds(30)).requestTimeout(Duration.ofMillis(100)).acquireTimeout(Duration.ofSeconds(30))
            .build();
    private final TokenCache cache = new TokenCache(fetcher, config, clock, Runnable::run);

    private AccessToken token(String value, Duration lifetime) {
        return new AccessToken(value, "Bearer", clock.instant().plus(lifetime), List.of("read"), Optional.of("rt-" + value));
    }

    @Test
    void getWhenManyThreadsMissAtOnceThenOneFetchAndAllGetItsToken() throws Exception {
        CompletableFuture<AccessToken> pending = new CompletableFuture<>();
        when(fetcher.fetch(KEY, Optional.empty())).thenReturn(pending);
        ExecutorService threads = Executors.newFixedThreadPool(32);
        try {
            CountDownLatch started = new CountDownLatch(32);
            List<Future<AccessToken>> results = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                results.add(threads.submit(() -> {
                    started.countDown();
                    return cache.get(KEY);
                }));
            }
            started.await(10, TimeUnit.SECONDS);
            AccessToken t1 = token("t1", Duration.ofHours(1));
            pending.complete(t1);
            for (Future<AccessToken> f : results) {
                assertSame(t1, f.get(10, TimeUnit.SECONDS));
            }
        } finally {
            threads.shutdownNow();
        }
        verify(fetcher, times(1)).fetch(any(), any());
    }

    @Test
    void getWhenTokenArrivesWhileCallersStillJoinThenNoSecondFetch() throws Exception {
        // a caller that saw the request in flight, and finds it completed by the time it looks again,
        // must take that token rather than start a second request
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 200; round++) {
                TokenKey key = TokenKey.of("user" + round, "https://api/", List.of("read"));
                AccessToken token = token("t" + round, Duration.ofHours(1));
                when(fetcher.fetch(key, Optional.empty()))
                        .thenAnswer(i -> CompletableFuture.supplyAsync(() -> token, threads));
                CountDownLatch go = new CountDownLatch(1);
                List<Future<AccessToken>> results = new ArrayList<>();
                for (int t = 0; t < 6; t++) {
                    results.add(threads.submit(() -> {
                        go.await();
                        return cache.get(key);
                    }));
                }
                go.countDown();
                for (Future<AccessToken> f : results) {
                    assertSame(token, f.get(10, TimeUnit.SECONDS), "round " + round);
                }
                verify(fetcher, times(1)).fetch(eq(key), any());
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void getWhenFreshThenCachedWithoutFetch() {
        AccessToken t1 = token("t1", Duration.ofHours(1));
        when(fetcher.fetch(KEY, Optional.empty())).thenReturn(CompletableFuture.completedFuture(t1));
        cache.get(KEY);
        clock.advance(Duration.ofMinutes(57));

        assertSame(t1, cache.get(KEY));
        verify(fetcher, times(1)).fetch(any(), any());
    }

    @Test
    void getWhenInsideRefreshAheadThenCurrentTokenAndRenewalWithIt() {
        AccessToken t1 = token("t1", Duration.ofHours(1));
        CompletableFuture<AccessToken> renewal = new CompletableFuture<>();
        when(fetcher.fetch(KEY, Optional.empty())).thenReturn(CompletableFuture.completedFuture(t1));
        when(fetcher.fetch(KEY, Optional.of(t1))).thenReturn(renewal);
        cache.get(KEY);
        clock.advance(Duration.ofMinutes(59));

        assertSame(t1, cache.get(KEY), "still valid: handed out while renewing");
        assertSame(t1, cache.get(KEY));
        verify(fetcher, times(1)).fetch(KEY, Optional.of(t1));
        AccessToken t2 = token("t2", Duration.ofHours(1));
        renewal.complete(t2);
        assertSame(t2, cache.get(KEY));
    }

    @Test
    void getWhenBackgroundRenewalFailsThenCurrentTokenKeptUntilStale() {
        AccessToken t1 = token("t1", Duration.ofHours(1));
        AccessToken t2 = token("t2", Duration.ofHours(2));
        when(fetcher.fetch(KEY, Optional.empty())).thenReturn(CompletableFuture.completedFuture(t1));
        when(fetcher.fetch(KEY, Optional.of(t1))).thenReturn(CompletableFuture.failedFuture(
                new TokenRequestException("server_error", "down", 500, true, null)),
                CompletableFuture.completedFuture(t2));
        cache.get(KEY);
        clock.advance(Duration.ofMinutes(59));

        assertSame(t1, cache.get(KEY));
        clock.advance(Duration.ofSeconds(40)); // 20 s before expiry: past the 30 s skew

        assertSame(t2, cache.get(KEY));
    }

    @Test
    void getWhenPastSkewThenNeverHandedOutAndRenewedWithPrevious() {
        AccessToken t1 = token("t1", Duration.ofHours(1));
        AccessToken t2 = token("t2", Duration.ofHours(2));
        when(fetcher.fetch(KEY, Optional.empty())).thenReturn(CompletableFuture.completedFuture(t1));
        when(fetcher.fetch(KEY, Optional.of(t1))).thenReturn(CompletableFuture.completedFuture(t2));
        cache.get(KEY);
        clock.advance(Duration.ofMinutes(59).plusSeconds(31));

        assertSame(t2, cache.get(KEY));
    }

    @Test
    void getWhenFetchFailsThenErrorCodeAndNextCallTriesAgain() {
        AccessToken t1 = token("t1", Duration.ofHours(1));
        when(fetcher.fetch(KEY, Optional.empty())).thenReturn(
                CompletableFuture.failedFuture(new TokenRequestException("invalid_client", "bad secret", 401, false, null)),
                CompletableFuture.completedFuture(t1));

        TokenRequestException e = assertThrows(TokenRequestException.class, () -> cache.get(KEY));

        assertEquals("invalid_client", e.error());
        assertEquals(401, e.status().orElseThrow());
        assertSame(t1, cache.get(KEY));
    }

    @Test
    void getWhenTokenRequestNeverCompletesThenTemporarilyUnavailable() {
        when(fetcher.fetch(KEY, Optional.empty())).thenReturn(new CompletableFuture<>());

        TokenRequestException e = assertThrows(TokenRequestException.class, () -> cache.get(KEY));

        assertEquals("temporarily_unavailable", e.error());
        assertEquals(true, e.retryable());
    }

    @Test
    void invalidateWhenCurrentTokenRejectedThenSuccessorFetched() {
        AccessToken t1 = token("t1", Duration.ofHours(1));
        AccessToken t2 = token("t2", Duration.ofHours(1));
        when(fetcher.fetch(KEY, Optional.empty())).thenReturn(CompletableFuture.completedFuture(t1));
        when(fetcher.fetch(KEY, Optional.of(t1))).thenReturn(CompletableFuture.completedFuture(t2));
        cache.get(KEY);

        cache.invalidate(KEY, t1);
        cache.invalidate(KEY, t1); // a second caller with the same rejected token changes nothing

        assertSame(t2, cache.get(KEY));
        verify(fetcher, times(1)).fetch(KEY, Optional.of(t1));
    }

    @Test
    void invalidateWhenKeyHoldsAnotherTokenThenNothing() {
        AccessToken t1 = token("t1", Duration.ofHours(1));
        when(fetcher.fetch(KEY, Optional.empty())).thenReturn(CompletableFuture.completedFuture(t1));
        cache.get(KEY);

        cache.invalidate(KEY, token("old", Duration.ofHours(1)));

        assertSame(t1, cache.get(KEY));
        verify(fetcher, never()).fetch(eq(KEY), eq(Optional.of(t1)));
    }
}
