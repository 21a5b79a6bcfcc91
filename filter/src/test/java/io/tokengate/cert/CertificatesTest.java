package io.tokengate.cert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokengate.testing.IssuedCertificate;
import io.tokengate.testing.TestCertificates;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificatesTest {
    private final TestCertificates pki = TestCertificates.create();
    private final IssuedCertificate leaf = pki.clientIssuedByIntermediate("CN=orders-service, O=Example");

    @TempDir
    Path dir;

    @Test
    void parseWhenPemWithSeveralBlocksThenEveryCertificateInOrder() {
        String pem = TestCertificates.certificatePem(leaf.certificate())
                + TestCertificates.certificatePem(pki.intermediate().certificate());

        assertEquals(leaf.chain(), Certificates.parse(pem.getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void parseOneWhenDerThenTheCertificate() throws Exception {
        assertEquals(leaf.certificate(), Certificates.parseOne(leaf.certificate().getEncoded()));
    }

    @Test
    void parseOneWhenTwoCertificatesThenRefused() {
        byte[] two = (TestCertificates.certificatePem(leaf.certificate())
                + TestCertificates.certificatePem(pki.root().certificate())).getBytes(StandardCharsets.US_ASCII);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Certificates.parseOne(two));

        assertTrue(e.getMessage().contains("found 2"), e.getMessage());
    }

    @Test
    void parseWhenNotCertificateThenRefused() {
        assertThrows(IllegalArgumentException.class, () -> Certificates.parse("hello".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void readWhenPemFileThenCertificates() {
        Path file = TestCertificates.writeCertificatesPem(dir.resolve("ca.pem"), List.of(pki.root().certificate()));

        assertEquals(List.of(pki.root().certificate()), Certificates.read(file));
    }

    @Test
    void readWhenFileMissingThenRefusedNamingIt() {
        Path missing = dir.resolve("missing.pem");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Certificates.read(missing));

        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    }

    @Test
    void toPemWhenParsedBackThenSameCertificate() {
        String pem = Certificates.toPem(leaf.certificate());

        assertEquals(leaf.certificate(), Certificates.parseOne(pem.getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void validityProblemWhenWithinValidityThenNull() {
        assertNull(Certificates.validityProblem(leaf.certificate(), pki.now()));
    }

    @Test
    void validityProblemWhenExpiredThenSaysWhen() {
        IssuedCertificate expired = pki.expired("CN=old");

        String problem = Certificates.validityProblem(expired.certificate(), pki.now());

        assertTrue(problem.contains("expired at " + expired.certificate().getNotAfter().toInstant()), problem);
    }

    @Test
    void validityProblemWhenNotYetValidThenSaysFromWhen() {
        IssuedCertificate early = pki.notYetValid("CN=new");

        String problem = Certificates.validityProblem(early.certificate(), pki.now());

        assertTrue(problem.contains("is not valid before " + early.certificate().getNotBefore().toInstant()), problem);
    }

    @Test
    void describeWhenCalledThenSubjectAndHexSerial() {
        assertEquals("'CN=orders-service,O=Example' (serial " + leaf.certificate().getSerialNumber().toString(16) + ")",
                Certificates.describe(leaf.certificate()));
    }
}
