package io.tokengate.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tokengate.cert.validation.RevocationMethod;
import io.tokengate.cert.validation.RevocationPolicy;
import io.tokengate.cert.validation.TrustAnchorPolicy;
import io.tokengate.testing.TestCertificates;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry file's certificate_trust section: anchors with their own policies and the partner certificate. */
class CertificateTrustSectionTest {
    @TempDir
    Path dir;

    private final TestCertificates pki = TestCertificates.create();
    private final RegistryFile registryFile = new RegistryFile(new ObjectMapper());

    private Path write(String certificateTrust) throws Exception {
        return Files.writeString(dir.resolve("registry.json"), "{\"clients\": [], \"certificate_trust\": "
                + certificateTrust + "}");
    }

    @Test
    void loadCertificateTrustWhenAnchorHasPolicyThenEachMemberRead() throws Exception {
        TestCertificates.writeCertificatesPem(dir.resolve("partner-ca.pem"), List.of(pki.root().certificate()));
        TestCertificates.writeCertificatesPem(dir.resolve("partner-ocsp.crt"), List.of(pki.selfSigned("CN=ocsp").certificate()));
        TestCertificates.writeCertificatesPem(dir.resolve("sub-ca.pem"), List.of(pki.intermediate().certificate()));
        Path file = write("""
                {"trust_anchors": [{"certificate_file": "partner-ca.pem", "revocation": ["crl", "ocsp"],
                   "fail_open": true, "timeout": "PT2S", "ocsp_responder": "http://ocsp.partner.test/",
                   "ocsp_trusted_responder_files": ["partner-ocsp.crt"], "crl_file": "partner.crl",
                   "max_response_age": "PT10M"}],
                 "intermediate_files": ["sub-ca.pem"]}
                """);

        CertificateTrust trust = registryFile.loadCertificateTrust(file, RevocationPolicy.defaults());

        TrustAnchorPolicy anchor = trust.anchors().get(0);
        assertEquals(pki.root().certificate(), anchor.anchor());
        RevocationPolicy p = anchor.revocation();
        assertEquals(List.of(RevocationMethod.CRL, RevocationMethod.OCSP), p.methods());
        assertTrue(p.failOpen());
        assertEquals(Duration.ofSeconds(2), p.timeout());
        assertEquals(URI.create("http://ocsp.partner.test/"), p.ocspResponder().orElseThrow());
        assertEquals(1, p.trustedResponders().size());
        assertEquals(dir.resolve("partner.crl"), p.crlFile().orElseThrow());
        assertEquals(Duration.ofMinutes(10), p.maxResponseAge());
        assertEquals(List.of(pki.intermediate().certificate()), trust.intermediates());
    }

    @Test
    void loadCertificateTrustWhenAnchorOmitsPolicyThenDefaultsApply() throws Exception {
        Path file = write("{\"trust_anchors\": [{\"certificate\": " + json(TestCertificates.certificatePem(
                pki.root().certificate())) + "}]}");
        RevocationPolicy defaults = RevocationPolicy.builder().failOpen(true).build();

        assertEquals(defaults, registryFile.loadCertificateTrust(file, defaults).anchors().get(0).revocation());
    }

    @Test
    void loadCertificateTrustWhenRevocationEmptyThenNoCheck() throws Exception {
        TestCertificates.writeCertificatesPem(dir.resolve("ca.pem"), List.of(pki.root().certificate()));
        Path file = write("{\"trust_anchors\": [{\"certificate_file\": \"ca.pem\", \"revocation\": []}]}");

        assertTrue(registryFile.loadCertificateTrust(file, RevocationPolicy.defaults()).anchors().get(0)
                .revocation().methods().isEmpty());
    }

    @Test
    void loadCertificateTrustWhenUnknownMemberThenErrorNamesAnchor() throws Exception {
        TestCertificates.writeCertificatesPem(dir.resolve("ca.pem"), List.of(pki.root().certificate()));
        Path file = write("{\"trust_anchors\": [{\"certificate_file\": \"ca.pem\", \"fail_opn\": true}]}");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> registryFile.loadCertificateTrust(file, RevocationPolicy.defaults()));

        assertTrue(e.getMessage().contains("certificate_trust.trust_anchors[0]: unknown member 'fail_opn'"), e.getMessage());
    }

    @Test
    void loadCertificateTrustWhenBadMethodThenErrorNamesAnchor() throws Exception {
        TestCertificates.writeCertificatesPem(dir.resolve("ca.pem"), List.of(pki.root().certificate()));
        Path file = write("{\"trust_anchors\": [{\"certificate_file\": \"ca.pem\", \"revocation\": [\"ldap\"]}]}");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> registryFile.loadCertificateTrust(file, RevocationPolicy.defaults()));

        assertTrue(e.getMessage().contains("trust_anchors[0]") && e.getMessage().contains("'ldap'"), e.getMessage());
    }

    @Test
    void loadWhenCertificateTrustPresentThenClientsStillLoad() throws Exception {
        Path file = write("{}");

        assertTrue(registryFile.load(file).clients().isEmpty());
        assertTrue(registryFile.loadCertificateTrust(file, RevocationPolicy.defaults()).anchors().isEmpty());
    }

    private static String json(String text) throws Exception {
        return new ObjectMapper().writeValueAsString(text);
    }
}
