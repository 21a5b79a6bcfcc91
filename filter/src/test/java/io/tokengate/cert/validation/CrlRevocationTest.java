package io.tokengate.cert.validation;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokengate.cert.validation.CertificateValidationException.Reason;
import io.tokengate.cert.validation.CertificateValidator.Purpose;
import io.tokengate.testing.IssuedCertificate;
import io.tokengate.testing.TestCertificates;
import io.tokengate.testing.TestCrlServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CRLs served over HTTP on loopback (and read from a file): good, revoked, expired, mis-signed, cached. */
class CrlRevocationTest {
    private final ValidationFixture f = new ValidationFixture();
    private final TestCrlServer server = TestCrlServer.start();
    private final IssuedCertificate leaf = f.leafWithCrl(server.url());
    private final Instant now = f.clock.instant();

    @AfterEach
    void stop() {
        server.close();
    }

    private void publish(IssuedCertificate signer, Instant thisUpdate, Instant nextUpdate, Map<java.math.BigInteger, Instant> revoked) {
        server.publish(TestCrlServer.crl(signer, thisUpdate, nextUpdate, revoked));
    }

    private CertificateValidationException refused(CachingCertificateValidator validator, IssuedCertificate c) {
        return assertThrows(CertificateValidationException.class, () -> validator.validate(c.chain(), Purpose.CHAIN_REQUIRED));
    }

    @Test
    void validateWhenCrlDoesNotListCertificateThenAccepted() {
        publish(f.pki.intermediate(), now, now.plus(Duration.ofHours(1)), Map.of());

        assertDoesNotThrow(() -> f.validator(ValidationFixture.crlOnly()).validate(leaf.chain(), Purpose.CHAIN_REQUIRED));
    }

    @Test
    void validateWhenCrlListsCertificateThenRevoked() {
        publish(f.pki.intermediate(), now, now.plus(Duration.ofHours(1)), TestCrlServer.revoking(leaf.certificate(), now));

        CertificateValidationException e = refused(f.validator(ValidationFixture.crlOnly()), leaf);

        assertEquals(Reason.REVOKED, e.reason());
        assertTrue(e.getMessage().contains("CN=crl-client") && e.getMessage().contains(server.url()), e.getMessage());
    }

    @Test
    void validateWhenCrlExpiredThenRefused() {
        publish(f.pki.intermediate(), now.minus(Duration.ofDays(2)), now.minus(Duration.ofDays(1)), Map.of());

        CertificateValidationException e = refused(f.validator(ValidationFixture.crlOnly()), leaf);

        assertEquals(Reason.REVOCATION_INVALID, e.reason());
        assertTrue(e.getMessage().contains("expired"), e.getMessage());
    }

    @Test
    void validateWhenCrlSignedByAnotherCaThenRefused() {
        IssuedCertificate otherCa = TestCertificates.create().intermediate();
        publish(otherCa, now, now.plus(Duration.ofHours(1)), Map.of());

        CertificateValidationException e = refused(f.validator(ValidationFixture.crlOnly()), leaf);

        assertEquals(Reason.REVOCATION_INVALID, e.reason());
        assertTrue(e.getMessage().contains("not signed by the CA that issued"), e.getMessage());
    }

    @Test
    void validateWhenCrlHasIssuersNameButAnotherKeyThenRefused() {
        IssuedCertificate impostor = f.pki.certificate(TestCertificates.INTERMEDIATE_DN).selfSigned().certificateAuthority().build();
        publish(impostor, now, now.plus(Duration.ofHours(1)), Map.of());

        assertEquals(Reason.REVOCATION_INVALID, refused(f.validator(ValidationFixture.crlOnly()), leaf).reason());
    }

    @Test
    void validateWhenCrlServerDownAndFailClosedThenUnavailable() {
        server.close();

        assertEquals(Reason.REVOCATION_UNAVAILABLE, refused(f.validator(ValidationFixture.crlOnly()), leaf).reason());
    }

    @Test
    void validateWhenCrlServerDownAndFailOpenThenAccepted() {
        server.close();
        RevocationPolicy open = ValidationFixture.crlOnly().toBuilder().failOpen(true).build();

        assertDoesNotThrow(() -> f.validator(open).validate(leaf.chain(), Purpose.CHAIN_REQUIRED));
    }

    @Test
    void validateWhenTwoCertificatesShareDistributionPointThenCrlFetchedOnceUntilNextUpdate() {
        publish(f.pki.intermediate(), now, now.plus(Duration.ofMinutes(10)), Map.of());
        CachingCertificateValidator validator = f.validator(ValidationFixture.crlOnly());
        IssuedCertificate second = f.leafWithCrl(server.url());

        validator.validate(leaf.chain(), Purpose.CHAIN_REQUIRED);
        validator.validate(second.chain(), Purpose.CHAIN_REQUIRED);
        assertEquals(1, server.requests());

        IssuedCertificate third = f.leafWithCrl(server.url());
        publish(f.pki.intermediate(), now.plus(Duration.ofMinutes(11)), now.plus(Duration.ofMinutes(30)),
                TestCrlServer.revoking(third.certificate(), now));
        f.clock.advance(Duration.ofMinutes(11));

        assertEquals(Reason.REVOKED, refused(validator, third).reason());
        assertEquals(2, server.requests());
    }

    @Test
    void validateWhenCrlFileConfiguredThenReadInsteadOfDistributionPoint(@TempDir Path dir) throws Exception {
        Path file = Files.write(dir.resolve("ca.crl"), TestCrlServer.crl(f.pki.intermediate(), now,
                now.plus(Duration.ofHours(1)), TestCrlServer.revoking(leaf.certificate(), now)));
        RevocationPolicy fromFile = ValidationFixture.crlOnly().toBuilder().crlFile(file).build();

        assertEquals(Reason.REVOKED, refused(f.validator(fromFile), leaf).reason());
        assertEquals(0, server.requests());
    }
}
