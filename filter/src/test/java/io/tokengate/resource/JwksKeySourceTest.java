package io.tokengate.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import io.tokengate.testing.MutableClock;
import io.tokengate.testing.TestSigningKeys;
import io.tokengate.token.SigningKeys;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class JwksKeySourceTest {
    private static final Duration TTL = Duration.ofMinutes(5);
    private static final Duration INTERVAL = Duration.ofSeconds(30);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final JWK first = TestSigningKeys.generate(JWSAlgorithm.ES256).publicJwk();
    private final JWK second = TestSigningKeys.generate(JWSAlgorithm.ES256).publicJwk();
    private final CountingLoader loader = new CountingLoader(new JWKSet(first));
    private final JwksKeySource source = new JwksKeySource(loader, clock, TTL, INTERVAL, Optional.empty());

    @Test
    void keysForWhenKidKnownThenThatKeyAndOneLoad() {
        List<VerificationKeys.Key> keys = source.keysFor(first.getKeyID(), JWSAlgorithm.ES256);
        source.keysFor(first.getKeyID(), JWSAlgorithm.ES256);

        assertEquals(first.getKeyID(), keys.get(0).jwk().getKeyID());
        assertEquals(1, loader.loads.get());
    }

    @Test
    void keysForWhenIssuerRotatedToNewKidThenNewKeyLoadedAfterTheInterval() {
        source.keysFor(first.getKeyID(), JWSAlgorithm.ES256);
        loader.set = new JWKSet(List.of(first, second));
        clock.advance(INTERVAL);

        assertEquals(second.getKeyID(), source.keysFor(second.getKeyID(), JWSAlgorithm.ES256).get(0).jwk().getKeyID());
        assertEquals(2, loader.loads.get());
    }

    @Test
    void keysForWhenManyUnknownKidsThenAtMostOneLoadPerInterval() {
        source.keysFor(first.getKeyID(), JWSAlgorithm.ES256);
        for (int round = 1; round <= 3; round++) {
            for (int i = 0; i < 100; i++) {
                String kid = "made-up-" + round + "-" + i;
                assertThrows(BearerTokenException.class, () -> source.keysFor(kid, JWSAlgorithm.ES256));
            }
            assertEquals(round, loader.loads.get(), "loads after round " + round);
            clock.advance(INTERVAL);
        }
    }

    @Test
    void keysForWhenUnknownKidThenInvalidTokenNamingTheKid() {
        source.keysFor(first.getKeyID(), JWSAlgorithm.ES256);

        BearerTokenException e = assertThrows(BearerTokenException.class, () -> source.keysFor("nope", JWSAlgorithm.ES256));

        assertEquals(BearerError.INVALID_TOKEN, e.error());
        assertEquals("the issuer publishes no key with kid 'nope'", e.description());
    }

    @Test
    void keysForWhenManyThreadsAskForAnUnknownKidAtOnceThenOneSharedLoad() throws Exception {
        source.keysFor(first.getKeyID(), JWSAlgorithm.ES256);
        clock.advance(INTERVAL);
        loader.set = new JWKSet(List.of(first, second));
        loader.entered = new CountDownLatch(1);
        loader.gate = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<List<VerificationKeys.Key>>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(() -> source.keysFor(second.getKeyID(), JWSAlgorithm.ES256)));
            }
            loader.entered.await(10, TimeUnit.SECONDS);
            loader.gate.countDown();
            for (Future<List<VerificationKeys.Key>> r : results) {
                assertEquals(second.getKeyID(), r.get(10, TimeUnit.SECONDS).get(0).jwk().getKeyID());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(2, loader.loads.get());
    }

    @Test
    void keysForWhenTtlPassedThenReloadedOnce() {
        source.keysFor(first.getKeyID(), JWSAlgorithm.ES256);
        clock.advance(TTL);

        source.keysFor(first.getKeyID(), JWSAlgorithm.ES256);
        source.keysFor(first.getKeyID(), JWSAlgorithm.ES256);

        assertEquals(2, loader.loads.get());
    }

    @Test
    void keysForWhenIssuerUnreachableAfterTtlThenStaleKeysServedAndRetriedOncePerInterval() {
        source.keysFor(first.getKeyID(), JWSAlgorithm.ES256);
        loader.down = true;
        clock.advance(TTL);

        assertEquals(1, source.keysFor(first.getKeyID(), JWSAlgorithm.ES256).size());
        assertEquals(1, source.keysFor(first.getKeyID(), JWSAlgorithm.ES256).size());
        assertEquals(2, loader.loads.get());
        clock.advance(INTERVAL);
        assertEquals(1, source.keysFor(first.getKeyID(), JWSAlgorithm.ES256).size());
        assertEquals(3, loader.loads.get());
    }

    @Test
    void keysForWhenNoKeysCouldEverBeLoadedThenTemporarilyUnavailableAndRetriedOncePerInterval() {
        loader.down = true;

        BearerTokenException e = assertThrows(BearerTokenException.class,
                () -> source.keysFor(first.getKeyID(), JWSAlgorithm.ES256));
        assertThrows(BearerTokenException.class, () -> source.keysFor(first.getKeyID(), JWSAlgorithm.ES256));

        assertEquals(BearerError.TEMPORARILY_UNAVAILABLE, e.error());
        assertEquals(1, loader.loads.get());
        loader.down = false;
        clock.advance(INTERVAL);
        assertEquals(1, source.keysFor(first.getKeyID(), JWSAlgorithm.ES256).size());
    }

    @Test
    void keysForWhenUnknownKidAndReloadFailsThenTemporarilyUnavailable() {
        source.keysFor(first.getKeyID(), JWSAlgorithm.ES256);
        loader.down = true;
        clock.advance(INTERVAL);

        BearerTokenException e = assertThrows(BearerTokenException.class,
                () -> source.keysFor(second.getKeyID(), JWSAlgorithm.ES256));

        assertEquals(BearerError.TEMPORARILY_UNAVAILABLE, e.error());
    }

    @Test
    void keysForWhenKeyDeclaresAnotherAlgorithmThenInvalidToken() {
        RSAKey rsa = new RSAKey.Builder(SigningKeys.generate(JWSAlgorithm.RS256).toRSAKey()).build().toPublicJWK();
        loader.set = new JWKSet(rsa);

        BearerTokenException e = assertThrows(BearerTokenException.class,
                () -> source.keysFor(rsa.getKeyID(), JWSAlgorithm.PS256));

        assertEquals("the issuer's key '" + rsa.getKeyID() + "' is not usable for PS256", e.description());
        assertEquals(1, source.keysFor(rsa.getKeyID(), JWSAlgorithm.RS256).size());
    }

    @Test
    void keysForWhenTokenHasNoKidThenEveryKeyOfTheRightType() {
        loader.set = new JWKSet(List.of(first, second, SigningKeys.generate(JWSAlgorithm.RS256).toPublicJWK()));

        assertEquals(2, source.keysFor(null, JWSAlgorithm.ES256).size());
    }

    /** Counts loads; can fail, or hold the loading thread until the test opens the gate. */
    private static final class CountingLoader implements JwkSetLoader {
        final AtomicInteger loads = new AtomicInteger();
        volatile CountDownLatch entered = new CountDownLatch(1);
        volatile JWKSet set;
        volatile boolean down;
        volatile CountDownLatch gate;

        CountingLoader(JWKSet set) {
            this.set = set;
        }

        @Override
        public JWKSet load() throws IOException {
            loads.incrementAndGet();
            entered.countDown();
            CountDownLatch g = gate;
            if (g != null) {
                try {
                    g.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (down) {
                throw new IOException("connection refused");
            }
            return set;
        }
    }
}
