package io.tokengate.cert.validation;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokengate.cert.validation.CertificateValidationException.Reason;
import io.tokengate.cert.validation.CertificateValidator.Purpose;
import io.tokengate.testing.IssuedCertificate;
import io.tokengate.testing.TestCertificates;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** PKIX path, validity with skew and key usage, before any revocation check. */
class PathAndUsageTest {
    private final ValidationFixture f = new ValidationFixture();
    private final CachingCertificateValidator validator = f.validator(RevocationPolicy.none());

    private Reason refusal(List<X509Certificate> chain, Purpose purpose) {
        return assertThrows(CertificateValidationException.class, () -> validator.validate(chain, purpose)).reason();
    }

    @Test
    void validateWhenChainReachesAnchorThroughPresentedIntermediateThenAccepted() {
        assertDoesNotThrow(() -> validator.validate(f.pki.clientIssuedByIntermediate("CN=a").chain(), Purpose.CHAIN_REQUIRED));
    }

    @Test
    void validateWhenIntermediateConfiguredAndNotPresentedThenAccepted() {
        CachingCertificateValidator withIntermediate = f.validator(RevocationPolicy.none(),
                b -> b.intermediates(List.of(f.pki.intermediate().certificate())));
        IssuedCertificate leaf = f.pki.clientIssuedByIntermediate("CN=a");

        assertDoesNotThrow(() -> withIntermediate.validate(List.of(leaf.certificate()), Purpose.CHAIN_REQUIRED));
        assertEquals(Reason.UNKNOWN_ISSUER, refusal(List.of(f.pki.clientIssuedByIntermediate("CN=b").certificate()),
                Purpose.CHAIN_REQUIRED));
    }

    @Test
    void validateWhenIssuerUnknownThenUnknownIssuerNamingIt() {
        IssuedCertificate foreign = TestCertificates.create().clientIssuedByIntermediate("CN=foreign");

        CertificateValidationException e = assertThrows(CertificateValidationException.class,
                () -> validator.validate(List.of(foreign.certificate()), Purpose.CHAIN_REQUIRED));

        assertEquals(Reason.UNKNOWN_ISSUER, e.reason());
        assertTrue(e.getMessage().contains("CN=foreign") && e.getMessage().contains("unknown to this server"), e.getMessage());
    }

    @Test
    void validateWhenPresentedIntermediateIsForgedThenInvalidPath() {
        IssuedCertificate other = TestCertificates.create().clientIssuedByIntermediate("CN=foreign");

        assertEquals(Reason.INVALID_PATH, refusal(other.chain(), Purpose.CHAIN_REQUIRED));
    }

    @Test
    void validateWhenExpiredThenExpired() {
        assertEquals(Reason.EXPIRED, refusal(f.pki.expired("CN=old").chain(), Purpose.CHAIN_REQUIRED));
    }

    @Test
    void validateWhenExpiredWithinSkewThenAccepted() {
        IssuedCertificate justExpired = f.pki.certificate("CN=edge")
                .validity(f.pki.now().minus(Duration.ofDays(1)), f.pki.now().minusSeconds(30)).build();

        assertDoesNotThrow(() -> validator.validate(justExpired.chain(), Purpose.CHAIN_REQUIRED));
        assertEquals(Reason.EXPIRED, refusal(f.pki.certificate("CN=edge2")
                .validity(f.pki.now().minus(Duration.ofDays(1)), f.pki.now().minusSeconds(90)).build().chain(),
                Purpose.CHAIN_REQUIRED));
    }

    @Test
    void validateWhenNotYetValidThenNotYetValid() {
        IssuedCertificate future = f.pki.certificate("CN=future")
                .validity(f.pki.now().plus(Duration.ofHours(1)), f.pki.now().plus(Duration.ofDays(1))).build();

        assertEquals(Reason.NOT_YET_VALID, refusal(future.chain(), Purpose.CHAIN_REQUIRED));
    }

    @Test
    void validateWhenIssuedForServerAuthenticationOnlyThenKeyUsage() {
        assertEquals(Reason.KEY_USAGE, refusal(f.pki.certificate("CN=server").serverAuthOnly().build().chain(),
                Purpose.CHAIN_REQUIRED));
    }

    @Test
    void validateWhenCaCertificatePresentedAsClientThenKeyUsage() {
        assertEquals(Reason.KEY_USAGE, refusal(f.pki.intermediate().chain(), Purpose.CHAIN_REQUIRED));
    }

    @Test
    void validateWhenPinnedSelfSignedThenAcceptedWithoutPath() {
        assertDoesNotThrow(() -> validator.validate(f.pki.selfSigned("CN=self").chain(), Purpose.PINNED));
        assertEquals(Reason.UNKNOWN_ISSUER, refusal(f.pki.selfSigned("CN=self2").chain(), Purpose.CHAIN_REQUIRED));
    }

    @Test
    void validateWhenPinnedFromUnknownCaThenAcceptedByItsPin() {
        IssuedCertificate foreign = TestCertificates.create().clientIssuedByIntermediate("CN=foreign");

        assertDoesNotThrow(() -> validator.validate(List.of(foreign.certificate()), Purpose.PINNED));
    }

    @Test
    void validateWhenPinnedButExpiredThenExpired() {
        IssuedCertificate expired = f.pki.certificate("CN=old-self").selfSigned()
                .validity(f.pki.now().minus(Duration.ofDays(10)), f.pki.now().minus(Duration.ofDays(1))).build();

        assertEquals(Reason.EXPIRED, refusal(expired.chain(), Purpose.PINNED));
    }
}
