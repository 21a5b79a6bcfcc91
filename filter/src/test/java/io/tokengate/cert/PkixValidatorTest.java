package io.tokengate.cert;

import static io.tokengate.testing.OAuth2Assertions.assertDescriptionContains;
import static io.tokengate.testing.OAuth2Assertions.assertOAuth2Error;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokengate.error.ErrorCode;
import io.tokengate.error.OAuth2Exception;
import io.tokengate.testing.IssuedCertificate;
import io.tokengate.testing.TestCertificates;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PkixValidatorTest {
    private static final String DN = "CN=orders-service, O=Example";
    private static final String CLIENT_ID = "orders-service";

    private final TestCertificates pki = TestCertificates.create();
    private final Instant now = pki.now();
    private final PkixValidator validator = new PkixValidator(List.of(pki.root().certificate()));

    @Test
    void validateWhenChainViaIntermediateThenAccepted() {
        IssuedCertificate leaf = pki.clientIssuedByIntermediate(DN);

        assertDoesNotThrow(() -> validator.validate(leaf.presented(), now, CLIENT_ID));
    }

    @Test
    void validateWhenIssuedDirectlyByAnchorThenAccepted() {
        IssuedCertificate leaf = pki.clientIssuedByRoot(DN);

        assertDoesNotThrow(() -> validator.validate(leaf.presented(), now, CLIENT_ID));
    }

    @Test
    void validateWhenChainAlsoCarriesTheAnchorThenAccepted() {
        IssuedCertificate leaf = pki.clientIssuedByIntermediate(DN);
        ClientCertificate withRoot = new ClientCertificate(
                List.of(leaf.certificate(), pki.intermediate().certificate(), pki.root().certificate()),
                ClientCertificate.Source.TLS_HANDSHAKE);

        assertDoesNotThrow(() -> validator.validate(withRoot, now, CLIENT_ID));
    }

    @Test
    void validateWhenAnchorIsTheIntermediateThenLeafWithoutChainAccepted() {
        PkixValidator byIntermediate = new PkixValidator(List.of(pki.intermediate().certificate()));
        IssuedCertificate leaf = pki.clientIssuedByIntermediate(DN);

        assertDoesNotThrow(() -> byIntermediate.validate(
                leaf.presentedWithoutChain(ClientCertificate.Source.TRUSTED_PROXY_HEADER), now, CLIENT_ID));
    }

    @Test
    void validateWhenIntermediateMissingFromChainThenInvalidClient() {
        IssuedCertificate leaf = pki.clientIssuedByIntermediate(DN);

        OAuth2Exception e = assertOAuth2Error(ErrorCode.INVALID_CLIENT, () -> validator.validate(
                leaf.presentedWithoutChain(ClientCertificate.Source.TLS_HANDSHAKE), now, CLIENT_ID));

        assertDescriptionContains(e, "does not chain to a trusted CA");
    }

    @Test
    void validateWhenIssuedByUnknownCaThenInvalidClient() {
        IssuedCertificate stranger = TestCertificates.at(now).clientIssuedByIntermediate(DN);

        OAuth2Exception e = assertOAuth2Error(ErrorCode.INVALID_CLIENT,
                () -> validator.validate(stranger.presented(), now, CLIENT_ID));

        assertDescriptionContains(e, "does not chain to a trusted CA");
        assertDescriptionContains(e, "client " + CLIENT_ID);
    }

    @Test
    void validateWhenSelfSignedWithTrustedSubjectThenInvalidClient() {
        IssuedCertificate forged = pki.certificate(TestCertificates.INTERMEDIATE_DN).selfSigned().build();

        assertOAuth2Error(ErrorCode.INVALID_CLIENT, () -> validator.validate(forged.presented(), now, CLIENT_ID));
    }

    @Test
    void validateWhenLeafExpiredThenInvalidClient() {
        IssuedCertificate expired = pki.expired(DN);

        OAuth2Exception e = assertOAuth2Error(ErrorCode.INVALID_CLIENT,
                () -> validator.validate(expired.presented(), now, CLIENT_ID));

        assertDescriptionContains(e, "has expired");
    }

    @Test
    void validateWhenTimeMovesPastLeafExpiryThenInvalidClient() {
        IssuedCertificate leaf = pki.clientIssuedByIntermediate(DN);
        Instant later = now.plus(TestCertificates.LEAF_VALIDITY).plus(Duration.ofSeconds(1));

        OAuth2Exception e = assertOAuth2Error(ErrorCode.INVALID_CLIENT,
                () -> validator.validate(leaf.presented(), later, CLIENT_ID));

        assertDescriptionContains(e, "has expired");
    }

    @Test
    void validateWhenLeafNotYetValidThenInvalidClient() {
        IssuedCertificate early = pki.notYetValid(DN);

        OAuth2Exception e = assertOAuth2Error(ErrorCode.INVALID_CLIENT,
                () -> validator.validate(early.presented(), now, CLIENT_ID));

        assertDescriptionContains(e, "not yet valid");
    }

    @Test
    void validateWhenNoTrustAnchorsConfiguredThenInvalidClient() {
        PkixValidator none = new PkixValidator(List.of());
        IssuedCertificate leaf = pki.clientIssuedByIntermediate(DN);

        OAuth2Exception e = assertOAuth2Error(ErrorCode.INVALID_CLIENT, () -> none.validate(leaf.presented(), now, CLIENT_ID));

        assertFalse(none.hasTrustAnchors());
        assertDescriptionContains(e, "no trusted CA configured");
    }

    @Test
    void validateWhenPresentedCertificateIsTheAnchorThenInvalidClient() {
        OAuth2Exception e = assertOAuth2Error(ErrorCode.INVALID_CLIENT,
                () -> validator.validate(pki.root().presented(), now, CLIENT_ID));

        assertDescriptionContains(e, "is a CA certificate");
    }

    @Test
    void hasTrustAnchorsWhenAnchorConfiguredThenTrue() {
        assertTrue(validator.hasTrustAnchors());
    }
}
