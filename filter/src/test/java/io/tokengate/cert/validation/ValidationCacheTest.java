package io.tokengate.cert.validation;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tokengate.cert.validation.CertificateValidationException.Reason;
import io.tokengate.cert.validation.CertificateValidator.Purpose;
import io.tokengate.testing.IssuedCertificate;
import io.tokengate.testing.TestOcspResponder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The verdict cache on a fake clock: reuse, expiry at the TTL or nextUpdate, negative entries, shared lookups. */
class ValidationCacheTest {
    private final ValidationFixture f = new ValidationFixture();
    private final TestOcspResponder responder = TestOcspResponder.start(f.pki.intermediate(), f.clock);
    private final IssuedCertificate leaf = f.leafWithOcsp(responder.url());

    @AfterEach
    void stop() {
        responder.close();
    }

    private CachingCertificateValidator validator(Duration ttl, Duration negativeTtl) {
        return f.validator(ValidationFixture.ocspOnly(), b -> b.cacheTtl(ttl).negativeCacheTtl(negativeTtl));
    }

    @Test
    void validateWhenCachedThenNoSecondOcspRequest() {
        CachingCertificateValidator validator = validator(Duration.ofMinutes(5), Duration.ofSeconds(30));

        validator.validate(leaf.chain(), Purpose.CHAIN_REQUIRED);
        validator.validate(leaf.chain(), Purpose.CHAIN_REQUIRED);

        assertEquals(1, responder.requests());
    }

    @Test
    void validateWhenRevokedAfterCachingThenRefusedOnceTtlPassed() {
        CachingCertificateValidator validator = validator(Duration.ofMinutes(5), Duration.ofSeconds(30));
        validator.validate(leaf.chain(), Purpose.CHAIN_REQUIRED);
        responder.revoke(leaf.certificate(), f.clock.instant());

        f.clock.advance(Duration.ofMinutes(4));
        assertDoesNotThrow(() -> validator.validate(leaf.chain(), Purpose.CHAIN_REQUIRED));
        f.clock.advance(Duration.ofMinutes(1).plusSeconds(1));

        assertEquals(Reason.REVOKED, assertThrows(CertificateValidationException.class,
                () -> validator.validate(leaf.chain(), Purpose.CHAIN_REQUIRED)).reason());
        assertEquals(2, responder.requests());
    }

    @Test
    void validateWhenNextUpdateSoonerThanTtlThenReusedOnlyUntilNextUpdate() {
        responder.times(Duration.ZERO, Duration.ofMinutes(2));
        CachingCertificateValidator validator = validator(Duration.ofHours(1), Duration.ofSeconds(30));
        validator.validate(leaf.chain(), Purpose.CHAIN_REQUIRED);

        f.clock.advance(Duration.ofMinutes(2).plusSeconds(1));
        validator.validate(leaf.chain(), Purpose.CHAIN_REQUIRED);

        assertEquals(2, responder.requests());
    }

    @Test
    void validateWhenRefusedThenRefusalReusedForNegativeTtlOnly() {
        responder.revoke(leaf.certificate(), f.clock.instant());
        CachingCertificateValidator validator = validator(Duration.ofMinutes(5), Duration.ofSeconds(30));
        for (int i = 0; i < 3; i++) {
            assertThrows(CertificateValidationException.class, () -> validator.validate(leaf.chain(), Purpose.CHAIN_REQUIRED));
        }
        assertEquals(1, responder.requests());

        f.clock.advance(Duration.ofSeconds(31));
        assertThrows(CertificateValidationException.class, () -> validator.validate(leaf.chain(), Purpose.CHAIN_REQUIRED));

        assertEquals(2, responder.requests());
    }

    @Test
    void validateWhenFailedOpenThenRecheckedAfterNegativeTtl() {
        responder.unavailable(true);
        CachingCertificateValidator validator = f.validator(ValidationFixture.ocspOnly().toBuilder().failOpen(true).build(),
                b -> b.cacheTtl(Duration.ofMinutes(5)).negativeCacheTtl(Duration.ofSeconds(30)));
        validator.validate(leaf.chain(), Purpose.CHAIN_REQUIRED);
        responder.unavailable(false).revoke(leaf.certificate(), f.clock.instant());

        validator.validate(leaf.chain(), Purpose.CHAIN_REQUIRED);
        f.clock.advance(Duration.ofSeconds(31));

        assertEquals(Reason.REVOKED, assertThrows(CertificateValidationException.class,
                () -> validator.validate(leaf.chain(), Purpose.CHAIN_REQUIRED)).reason());
    }

    @Test
    void validateWhenHundredConcurrentCallersThenOneOcspRequest() throws Exception {
        responder.delay(Duration.ofMillis(300));
        CachingCertificateValidator validator = validator(Duration.ofMinutes(5), Duration.ofSeconds(30));
        ExecutorService pool = Executors.newFixedThreadPool(100);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> calls = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                calls.add(pool.submit(() -> {
                    start.await();
                    validator.validate(leaf.chain(), Purpose.CHAIN_REQUIRED);
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> call : calls) {
                call.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, responder.requests());
    }
}
