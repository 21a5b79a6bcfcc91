package io.tokengate.cert.validation;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokengate.cert.validation.CertificateValidationException.Reason;
import io.tokengate.cert.validation.CertificateValidator.Purpose;
import io.tokengate.testing.IssuedCertificate;
import io.tokengate.testing.TestOcspResponder;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** OCSP against a real BouncyCastle responder on loopback: every answer the validator must believe or refuse. */
class OcspRevocationTest {
    private final ValidationFixture f = new ValidationFixture();
    private final TestOcspResponder responder = TestOcspResponder.start(f.pki.intermediate(), f.clock);
    private final IssuedCertificate leaf = f.leafWithOcsp(responder.url());

    @AfterEach
    void stop() {
        responder.close();
    }

    private CertificateValidationException refused(CachingCertificateValidator validator) {
        return assertThrows(CertificateValidationException.class,
                () -> validator.validate(leaf.chain(), Purpose.CHAIN_REQUIRED));
    }

    @Test
    void validateWhenResponderSaysGoodThenAccepted() {
        assertDoesNotThrow(() -> f.validator(ValidationFixture.ocspOnly()).validate(leaf.chain(), Purpose.CHAIN_REQUIRED));
        assertEquals(1, responder.requests());
    }

    @Test
    void validateWhenResponderSaysRevokedThenRevokedNamingCertificate() {
        responder.revoke(leaf.certificate(), f.clock.instant().minusSeconds(60));

        CertificateValidationException e = refused(f.validator(ValidationFixture.ocspOnly()));

        assertEquals(Reason.REVOKED, e.reason());
        assertTrue(e.getMessage().contains("CN=ocsp-client") && e.getMessage().contains("revoked at")
                && e.getMessage().contains(leaf.certificate().getSerialNumber().toString(16)), e.getMessage());
    }

    @Test
    void validateWhenResponderSaysUnknownThenRefusedAsUnknown() {
        responder.markUnknown(leaf.certificate());

        assertEquals(Reason.REVOCATION_UNKNOWN, refused(f.validator(ValidationFixture.ocspOnly())).reason());
    }

    @Test
    void validateWhenResponseSignedByUntrustedKeyThenRefused() {
        responder.signWith(f.pki.selfSigned("CN=Rogue Responder"), true);

        CertificateValidationException e = refused(f.validator(ValidationFixture.ocspOnly()));

        assertEquals(Reason.REVOCATION_INVALID, e.reason());
        assertTrue(e.getMessage().contains("not signed by the issuing CA"), e.getMessage());
    }

    @Test
    void validateWhenDelegatedResponderWithoutOcspSigningThenRefused() {
        responder.signWith(f.pki.certificate("CN=Not A Responder").build(), true);

        assertEquals(Reason.REVOCATION_INVALID, refused(f.validator(ValidationFixture.ocspOnly())).reason());
    }

    @Test
    void validateWhenSignedByDelegatedResponderThenAccepted() {
        responder.signWith(f.pki.certificate("CN=Delegated OCSP Responder").ocspSigning().build(), true);

        assertDoesNotThrow(() -> f.validator(ValidationFixture.ocspOnly()).validate(leaf.chain(), Purpose.CHAIN_REQUIRED));
    }

    @Test
    void validateWhenSignedByConfiguredTrustedPartnerThenAccepted() {
        IssuedCertificate partner = f.pki.selfSigned("CN=Partner OCSP Signer");
        responder.signWith(partner, false);
        RevocationPolicy policy = ValidationFixture.ocspOnly().toBuilder().trustedResponder(partner.certificate()).build();

        assertDoesNotThrow(() -> f.validator(policy).validate(leaf.chain(), Purpose.CHAIN_REQUIRED));
    }

    @Test
    void validateWhenResponseStaleThenRefused() {
        responder.times(Duration.ofHours(3), Duration.ofHours(1));

        CertificateValidationException e = refused(f.validator(ValidationFixture.ocspOnly()));

        assertEquals(Reason.REVOCATION_INVALID, e.reason());
        assertTrue(e.getMessage().contains("stale"), e.getMessage());
    }

    @Test
    void validateWhenResponseWithoutNextUpdateOlderThanMaximumAgeThenRefused() {
        responder.times(Duration.ofHours(2), null);

        assertEquals(Reason.REVOCATION_INVALID, refused(f.validator(ValidationFixture.ocspOnly())).reason());
    }

    @Test
    void validateWhenResponseDatedInTheFutureThenRefused() {
        responder.times(Duration.ofHours(-1), Duration.ofHours(2));

        assertEquals(Reason.REVOCATION_INVALID, refused(f.validator(ValidationFixture.ocspOnly())).reason());
    }

    @Test
    void validateWhenNonceMismatchThenRefusedAsReplay() {
        responder.nonce(TestOcspResponder.Nonce.WRONG);

        CertificateValidationException e = refused(f.validator(ValidationFixture.ocspOnly()));

        assertEquals(Reason.REVOCATION_INVALID, e.reason());
        assertTrue(e.getMessage().contains("nonce"), e.getMessage());
    }

    @Test
    void validateWhenResponderDownAndPolicyFailsClosedThenUnavailable() {
        responder.close();

        CertificateValidationException e = refused(f.validator(ValidationFixture.ocspOnly()));

        assertEquals(Reason.REVOCATION_UNAVAILABLE, e.reason());
        assertTrue(e.getMessage().contains("unreachable") && e.getMessage().contains("fails closed"), e.getMessage());
    }

    @Test
    void validateWhenResponderDownAndPolicyFailsOpenThenAccepted() {
        responder.close();
        RevocationPolicy open = ValidationFixture.ocspOnly().toBuilder().failOpen(true).build();

        assertDoesNotThrow(() -> f.validator(open).validate(leaf.chain(), Purpose.CHAIN_REQUIRED));
    }

    @Test
    void validateWhenFailOpenButResponseForgedThenStillRefused() {
        responder.signWith(f.pki.selfSigned("CN=Rogue Responder"), true);
        RevocationPolicy open = ValidationFixture.ocspOnly().toBuilder().failOpen(true).build();

        assertEquals(Reason.REVOCATION_INVALID, refused(f.validator(open)).reason());
    }

    @Test
    void validateWhenResponderConfiguredThenAskedInsteadOfTheOneInTheCertificate() {
        IssuedCertificate pointsNowhere = f.leafWithOcsp(ValidationFixture.closedPort());
        RevocationPolicy configured = ValidationFixture.ocspOnly().toBuilder().ocspResponder(URI.create(responder.url()))
                .build();

        assertDoesNotThrow(() -> f.validator(configured).validate(pointsNowhere.chain(), Purpose.CHAIN_REQUIRED));
        assertEquals(1, responder.requests());
    }

    @Test
    void validateWhenOcspDownThenCrlIsTriedNext() {
        responder.close();
        try (var crls = io.tokengate.testing.TestCrlServer.start()) {
            crls.publish(io.tokengate.testing.TestCrlServer.crl(f.pki.intermediate(), f.clock.instant(),
                    f.clock.instant().plus(Duration.ofHours(1)), java.util.Map.of()));
            IssuedCertificate both = f.pki.certificate("CN=both").ocspResponder(responder.url())
                    .crlDistributionPoint(crls.url()).build();

            assertDoesNotThrow(() -> f.validator(RevocationPolicy.defaults()).validate(both.chain(), Purpose.CHAIN_REQUIRED));
            assertEquals(1, crls.requests());
        }
    }

    @Test
    void validateWhenCertificateNamesNoResponderThenAcceptedWithoutAsking() {
        IssuedCertificate plain = f.pki.clientIssuedByIntermediate("CN=no-aia");

        assertDoesNotThrow(() -> f.validator(ValidationFixture.ocspOnly()).validate(plain.chain(), Purpose.CHAIN_REQUIRED));
        assertEquals(0, responder.requests());
    }
}
