package io.tokengate.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokengate.cert.Certificates;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fixtures themselves: what other tests rely on them to make. */
class TestCertificatesTest {
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

    private final TestCertificates pki = TestCertificates.create();

    @TempDir
    Path dir;

    @Test
    void rootWhenMadeThenSelfSignedCaWithChainOfItself() throws Exception {
        X509Certificate root = pki.root().certificate();

        root.verify(root.getPublicKey());
        assertTrue(root.getBasicConstraints() >= 0);
        assertEquals(List.of(root), pki.root().chain());
        assertEquals("SHA256withECDSA", root.getSigAlgName());
    }

    @Test
    void intermediateWhenMadeThenCaSignedByRoot() throws Exception {
        X509Certificate intermediate = pki.intermediate().certificate();

        intermediate.verify(pki.root().publicKey());
        assertTrue(intermediate.getBasicConstraints() >= 0);
        assertEquals(List.of(intermediate), pki.intermediate().chain());
    }

    @Test
    void certificateWhenDefaultsThenClientAuthLeafIssuedByIntermediate() throws Exception {
        IssuedCertificate leaf = pki.clientIssuedByIntermediate("CN=orders-service, O=Example");

        leaf.certificate().verify(pki.intermediate().publicKey());
        assertEquals(List.of(leaf.certificate(), pki.intermediate().certificate()), leaf.chain());
        assertEquals(-1, leaf.certificate().getBasicConstraints());
        assertTrue(leaf.certificate().getKeyUsage()[0], "digitalSignature");
        assertEquals(List.of(CLIENT_AUTH), leaf.certificate().getExtendedKeyUsage());
        assertEquals("CN=orders-service,O=Example", leaf.subjectDn());
        assertEquals("EC", leaf.publicKey().getAlgorithm());
    }

    @Test
    void clientIssuedByRootWhenMadeThenChainOfLeafOnly() throws Exception {
        IssuedCertificate leaf = pki.clientIssuedByRoot("CN=billing");

        leaf.certificate().verify(pki.root().publicKey());
        assertEquals(List.of(leaf.certificate()), leaf.chain());
    }

    @Test
    void certificateWhenAlternativeNamesThenEachPresent() throws Exception {
        IssuedCertificate leaf = pki.certificate("CN=x").sanDns("x.example.test").sanUri("spiffe://example.test/x")
                .sanEmail("x@example.test").sanIp("192.0.2.1").serverAuth().build();

        assertEquals(List.of(List.of(2, "x.example.test"), List.of(6, "spiffe://example.test/x"),
                List.of(1, "x@example.test"), List.of(7, "192.0.2.1")),
                List.copyOf(leaf.certificate().getSubjectAlternativeNames()));
        assertTrue(leaf.certificate().getExtendedKeyUsage().contains("1.3.6.1.5.5.7.3.1"));
    }

    @Test
    void expiredWhenMadeThenExpiredAtNow() {
        X509Certificate expired = pki.expired("CN=old").certificate();

        assertThrows(CertificateExpiredException.class, () -> expired.checkValidity(Date.from(pki.now())));
    }

    @Test
    void notYetValidWhenMadeThenNotValidAtNow() {
        X509Certificate early = pki.notYetValid("CN=new").certificate();

        assertThrows(CertificateNotYetValidException.class, () -> early.checkValidity(Date.from(pki.now())));
    }

    @Test
    void selfSignedWhenMadeThenOwnIssuerAndNotCa() throws Exception {
        IssuedCertificate self = pki.selfSigned("CN=device");

        self.certificate().verify(self.publicKey());
        assertEquals(self.certificate().getSubjectX500Principal(), self.certificate().getIssuerX500Principal());
        assertEquals(-1, self.certificate().getBasicConstraints());
        assertEquals(List.of(self.certificate()), self.chain());
    }

    @Test
    void certificateWhenBuiltTwiceThenDifferentKeysAndSerials() {
        IssuedCertificate a = pki.clientIssuedByIntermediate("CN=a");
        IssuedCertificate b = pki.clientIssuedByIntermediate("CN=a");

        assertNotEquals(a.certificate().getSerialNumber(), b.certificate().getSerialNumber());
        assertNotEquals(a.thumbprint(), b.thumbprint());
    }

    @Test
    void createWhenCalledTwiceThenIndependentPkis() {
        assertNotEquals(pki.root().certificate(), TestCertificates.create().root().certificate());
    }

    @Test
    void clockWhenAskedThenFixedAtNowInWholeSeconds() {
        assertEquals(pki.now(), pki.clock().instant());
        assertEquals(0, pki.now().getNano());
    }

    @Test
    void writePemWhenCalledThenChainAndPkcs8KeyThatSignForTheCertificate() throws Exception {
        IssuedCertificate leaf = pki.clientIssuedByIntermediate("CN=orders-service");

        IssuedCertificate.PemFiles files = leaf.writePem(dir.resolve("tls"), "client");

        assertEquals(dir.resolve("tls/client.crt"), files.certificate());
        assertEquals(leaf.chain(), Certificates.read(files.certificate()));
        String keyPem = Files.readString(files.privateKey(), StandardCharsets.US_ASCII);
        assertTrue(keyPem.startsWith("-----BEGIN PRIVATE KEY-----\n"), keyPem);
        byte[] der = Base64.getMimeDecoder().decode(keyPem.replaceAll("-----[A-Z ]+-----", ""));
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der)));
        signer.update(new byte[] {1, 2, 3});
        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(leaf.certificate());
        verifier.update(new byte[] {1, 2, 3});
        assertTrue(verifier.verify(signer.sign()));
    }

    @Test
    void issuedCertificateWhenChainDoesNotStartWithCertificateThenRefused() {
        IssuedCertificate leaf = pki.clientIssuedByIntermediate("CN=x");

        assertThrows(IllegalArgumentException.class, () -> new IssuedCertificate(leaf.certificate(), leaf.privateKey(),
                List.of(pki.intermediate().certificate())));
    }

    @Test
    void toStringWhenCalledThenNoKeyMaterial() {
        IssuedCertificate leaf = pki.clientIssuedByIntermediate("CN=x");

        assertFalse(leaf.toString().contains(Base64.getEncoder().encodeToString(leaf.privateKey().getEncoded())));
        assertTrue(leaf.toString().contains("CN=x"));
    }
}
