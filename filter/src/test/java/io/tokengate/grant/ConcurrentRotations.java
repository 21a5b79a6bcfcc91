package io.tokengate.grant;

import io.tokengate.refresh.RefreshTokenStore;
import io.tokengate.refresh.StoredRefreshToken;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Forces the worst interleaving of two refresh requests for one token, without sleeping: both
 * start together (a latch), and the store holds each {@code rotate} at a barrier until both have
 * read the token as active and reached it, so both compare-and-sets really race.
 */
final class ConcurrentRotations {
    private final CyclicBarrier bothAtRotate = new CyclicBarrier(2);
    private final RefreshTokenStore store;

    ConcurrentRotations(RefreshTokenStore delegate) {
        this.store = new RefreshTokenStore() {
            @Override
            public void save(StoredRefreshToken token) {
                delegate.save(token);
            }

            @Override
            public Optional<StoredRefreshToken> find(String tokenHash) {
                return delegate.find(tokenHash);
            }

            @Override
            public boolean rotate(String tokenHash, StoredRefreshToken successor) {
                try {
                    bothAtRotate.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException | BrokenBarrierException | TimeoutException e) {
                    throw new IllegalStateException("the two requests did not both reach rotate", e);
                }
                return delegate.rotate(tokenHash, successor);
            }

            @Override
            public void revokeFamily(String familyId) {
                delegate.revokeFamily(familyId);
            }
        };
    }

    RefreshTokenStore store() {
        return store;
    }

    /** Runs {@code call} on two threads at once; each outcome is the result or the runtime exception thrown. */
    List<Object> run(Supplier<Object> call) throws InterruptedException, ExecutionException, TimeoutException {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Object>> futures = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                futures.add(pool.submit(() -> {
                    go.await();
                    try {
                        return call.get();
                    } catch (RuntimeException e) {
                        return e;
                    }
                }));
            }
            go.countDown();
            List<Object> outcomes = new ArrayList<>();
            for (Future<Object> f : futures) {
                outcomes.add(f.get(20, TimeUnit.SECONDS));
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }
}
