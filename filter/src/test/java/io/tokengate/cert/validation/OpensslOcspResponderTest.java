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
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OCSP and CRL checks against OpenSSL: {@code openssl ocsp} as the responder, {@code openssl ca
 * -gencrl} making the CRLs, so the validator is proven against an implementation it was not
 * written with. Responders use fixed ports in 18700–18799 (see the class Javadoc of {@link OpensslOcsp}).
 */
class OpensslOcspResponderTest {
    private static final AtomicInteger PORTS = new AtomicInteger(18700 + (int) (ProcessHandle.current().pid() % 40));

    @TempDir
    Path dir;

    private final ValidationFixture f = new ValidationFixture();
    private OpensslOcsp openssl;

    @AfterEach
    void stop() {
        if (openssl != null) {
            openssl.close();
        }
    }

    /** A leaf whose AIA names an openssl responder started on the next free port of the range, with the database written first. */
    private IssuedCertificate leafAtNextPort(int[] port) {
        port[0] = PORTS.getAndIncrement();
        if (port[0] > 18799) {
            throw new IllegalStateException("out of test ports");
        }
        return f.leafWithOcsp("http://127.0.0.1:" + port[0] + "/");
    }

    private OpensslOcsp database() {
        openssl = new OpensslOcsp(dir, f.pki.intermediate());
        return openssl;
    }

    private CertificateValidationException refused(CachingCertificateValidator v, IssuedCertificate c) {
        return assertThrows(CertificateValidationException.class, () -> v.validate(c.chain(), Purpose.CHAIN_REQUIRED));
    }

    @Test
    void validateWhenOpensslSaysGoodThenAccepted() throws Exception {
        int[] port = new int[1];
        IssuedCertificate leaf = leafAtNextPort(port);
        database().valid(leaf.certificate()).startResponder(port[0], f.pki.intermediate(), 60);

        assertDoesNotThrow(() -> f.validator(ValidationFixture.ocspOnly()).validate(leaf.chain(), Purpose.CHAIN_REQUIRED));
    }

    @Test
    void validateWhenOpensslSaysRevokedThenRevoked() throws Exception {
        int[] port = new int[1];
        IssuedCertificate leaf = leafAtNextPort(port);
        database().revoked(leaf.certificate(), f.clock.instant().minusSeconds(3600))
                .startResponder(port[0], f.pki.intermediate(), 60);

        assertEquals(Reason.REVOKED, refused(f.validator(ValidationFixture.ocspOnly()), leaf).reason());
    }

    @Test
    void validateWhenOpensslDoesNotKnowCertificateThenUnknown() throws Exception {
        int[] port = new int[1];
        IssuedCertificate leaf = leafAtNextPort(port);
        database().valid(f.pki.clientIssuedByIntermediate("CN=someone-else").certificate())
                .startResponder(port[0], f.pki.intermediate(), 60);

        assertEquals(Reason.REVOCATION_UNKNOWN, refused(f.validator(ValidationFixture.ocspOnly()), leaf).reason());
    }

    @Test
    void validateWhenOpensslSignsWithUntrustedKeyThenRefused() throws Exception {
        int[] port = new int[1];
        IssuedCertificate leaf = leafAtNextPort(port);
        database().valid(leaf.certificate()).startResponder(port[0], f.pki.selfSigned("CN=Rogue"), 60);

        assertEquals(Reason.REVOCATION_INVALID, refused(f.validator(ValidationFixture.ocspOnly()), leaf).reason());
    }

    @Test
    void validateWhenOpensslSignsAsDelegatedResponderThenAccepted() throws Exception {
        int[] port = new int[1];
        IssuedCertificate leaf = leafAtNextPort(port);
        database().valid(leaf.certificate())
                .startResponder(port[0], f.pki.certificate("CN=Delegated").ocspSigning().build(), 60);

        assertDoesNotThrow(() -> f.validator(ValidationFixture.ocspOnly()).validate(leaf.chain(), Purpose.CHAIN_REQUIRED));
    }

    @Test
    void validateWhenOpensslSignsWithConfiguredPartnerCertificateThenAccepted() throws Exception {
        int[] port = new int[1];
        IssuedCertificate leaf = leafAtNextPort(port);
        IssuedCertificate partner = f.pki.selfSigned("CN=Partner OCSP");
        database().valid(leaf.certificate()).startResponder(port[0], partner, 60);
        RevocationPolicy policy = ValidationFixture.ocspOnly().toBuilder().trustedResponder(partner.certificate()).build();

        assertDoesNotThrow(() -> f.validator(policy).validate(leaf.chain(), Purpose.CHAIN_REQUIRED));
    }

    @Test
    void validateWhenOpensslResponseStaleThenRefused() throws Exception {
        int[] port = new int[1];
        IssuedCertificate leaf = leafAtNextPort(port);
        database().valid(leaf.certificate()).startResponder(port[0], f.pki.intermediate(), 1);
        f.clock.advance(Duration.ofMinutes(5));

        CertificateValidationException e = refused(f.validator(ValidationFixture.ocspOnly()), leaf);

        assertEquals(Reason.REVOCATION_INVALID, e.reason());
        assertTrue(e.getMessage().contains("stale"), e.getMessage());
    }

    @Test
    void validateWhenOpensslAnswerReplayedForAnotherNonceThenRefused() throws Exception {
        int[] port = new int[1];
        IssuedCertificate leaf = leafAtNextPort(port);
        String url = database().valid(leaf.certificate()).startResponder(port[0], f.pki.intermediate(), 60);
        byte[] recorded = askWithOwnNonce(url, leaf);
        try (TestCrlServer replay = TestCrlServer.start().publish(recorded)) {
            RevocationPolicy policy = ValidationFixture.ocspOnly().toBuilder().ocspResponder(URI.create(replay.url())).build();

            CertificateValidationException e = refused(f.validator(policy), leaf);

            assertEquals(Reason.REVOCATION_INVALID, e.reason());
            assertTrue(e.getMessage().contains("nonce"), e.getMessage());
        }
    }

    @Test
    void validateWhenOpensslStoppedThenUnavailableFailingClosedAndAcceptedFailingOpen() throws Exception {
        int[] port = new int[1];
        IssuedCertificate leaf = leafAtNextPort(port);
        database().valid(leaf.certificate()).startResponder(port[0], f.pki.intermediate(), 60);
        assertDoesNotThrow(() -> f.validator(ValidationFixture.ocspOnly()).validate(leaf.chain(), Purpose.CHAIN_REQUIRED));
        openssl.stopResponders();

        assertEquals(Reason.REVOCATION_UNAVAILABLE, refused(f.validator(ValidationFixture.ocspOnly()), leaf).reason());
        assertDoesNotThrow(() -> f.validator(ValidationFixture.ocspOnly().toBuilder().failOpen(true).build())
                .validate(leaf.chain(), Purpose.CHAIN_REQUIRED));
    }

    @Test
    void validateWhenOpensslCrlListsCertificateThenRevokedAndOthersAccepted() throws Exception {
        try (TestCrlServer server = TestCrlServer.start()) {
            IssuedCertificate revoked = f.leafWithCrl(server.url());
            IssuedCertificate good = f.leafWithCrl(server.url());
            server.publish(database().valid(good.certificate()).revoked(revoked.certificate(), f.clock.instant())
                    .crl(f.pki.intermediate(), 24));
            CachingCertificateValidator validator = f.validator(ValidationFixture.crlOnly());

            assertEquals(Reason.REVOKED, refused(validator, revoked).reason());
            assertDoesNotThrow(() -> validator.validate(good.chain(), Purpose.CHAIN_REQUIRED));
        }
    }

    @Test
    void validateWhenOpensslCrlExpiredThenRefused() throws Exception {
        try (TestCrlServer server = TestCrlServer.start()) {
            IssuedCertificate leaf = f.leafWithCrl(server.url());
            server.publish(database().valid(leaf.certificate()).crl(f.pki.intermediate(), 1));
            f.clock.advance(Duration.ofHours(3));

            assertEquals(Reason.REVOCATION_INVALID, refused(f.validator(ValidationFixture.crlOnly()), leaf).reason());
        }
    }

    @Test
    void validateWhenOpensslCrlSignedByAnotherCaThenRefused() throws Exception {
        try (TestCrlServer server = TestCrlServer.start()) {
            IssuedCertificate leaf = f.leafWithCrl(server.url());
            server.publish(database().valid(leaf.certificate()).crl(TestCertificates.create().intermediate(), 24));

            assertEquals(Reason.REVOCATION_INVALID, refused(f.validator(ValidationFixture.crlOnly()), leaf).reason());
        }
    }

    /** An OCSP answer from the responder to a request with a nonce the validator will not use. */
    private static byte[] askWithOwnNonce(String url, IssuedCertificate leaf) throws Exception {
        CertificateID id = new CertificateID(new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
                new JcaX509CertificateHolder(leaf.chain().get(1)), leaf.certificate().getSerialNumber());
        byte[] nonce = new byte[16];
        new java.security.SecureRandom().nextBytes(nonce);
        byte[] request = new OCSPReqBuilder().addRequest(id).setRequestExtensions(new Extensions(new Extension(
                OCSPObjectIdentifiers.id_pkix_ocsp_nonce, false, new DEROctetString(nonce).getEncoded()))).build().getEncoded();
        HttpResponse<byte[]> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/ocsp-request")
                .POST(HttpRequest.BodyPublishers.ofByteArray(request)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, answer.statusCode());
        return answer.body();
    }
}
