package io.tokengate.endpoint;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tokengate.cert.validation.CertificateTrustConfig;
import io.tokengate.config.AuthorizationServerConfig;
import io.tokengate.testing.IssuedCertificate;
import io.tokengate.testing.TestCertificates;
import io.tokengate.testing.TestCrlServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A registry's imported certificates must pass validation when the server loads it; the refusal says why. A
 * certificate that has lapsed since (expired, revoked) only warns, so one client cannot stop the server starting.
 */
class CertificateImportAtLoadTest {
    @TempDir
    Path dir;

    private final TestCertificates pki = TestCertificates.create();

    /** Loads a registry importing {@code imported}; its certificate_trust names the intermediate CA, plus {@code anchors}. */
    private AuthorizationServer load(IssuedCertificate imported, String anchors) throws Exception {
        ObjectMapper json = new ObjectMapper();
        String certificateTrust = ", \"certificate_trust\": {\"intermediates\": ["
                + json.writeValueAsString(TestCertificates.certificatePem(pki.intermediate().certificate())) + "]"
                + anchors + "}";
        Path anchorsFile = TestCertificates.writeCertificatesPem(dir.resolve("anchors.pem"), List.of(pki.root().certificate()));
        Path registry = Files.writeString(dir.resolve("registry.json"), """
                {"clients": [{"client_id": "batch", "grant_types": ["tls_client_auth"],
                   "token_endpoint_auth_methods": ["tls_client_auth"], "certificate": %s}]%s}
                """.formatted(json.writeValueAsString(TestCertificates.certificatePem(imported.certificate())),
                certificateTrust));
        return AuthorizationServer.fromConfig(AuthorizationServerConfig.builder("https://as.example.test")
                .registryFile(registry).trustAnchorsFile(anchorsFile).build(), CertificateTrustConfig.defaults());
    }

    @Test
    void fromConfigWhenImportedCertificateRevokedThenServerStartsAndNewImportsStillRefuseIt() throws Exception {
        try (TestCrlServer crls = TestCrlServer.start()) {
            IssuedCertificate imported = pki.certificate("CN=batch").crlDistributionPoint(crls.url()).build();
            crls.publish(TestCrlServer.crl(pki.intermediate(), Instant.now(), Instant.now().plus(Duration.ofHours(1)),
                    Map.of(imported.certificate().getSerialNumber(), Instant.now())));

            AuthorizationServer server = load(imported, "");

            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> server.certificateImportCheck().check("batch", List.of(imported.certificate())));
            assertTrue(e.getMessage().contains("client batch: the certificate cannot be imported")
                    && e.getMessage().contains("revoked"), e.getMessage());
        }
    }

    @Test
    void fromConfigWhenImportedCertificateExpiredThenServerStartsAndNewImportsStillRefuseIt() throws Exception {
        IssuedCertificate expired = pki.expired("CN=batch");

        AuthorizationServer server = load(expired, "");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> server.certificateImportCheck().check("batch", List.of(expired.certificate())));
        assertTrue(e.getMessage().contains("client batch") && e.getMessage().contains("expired"), e.getMessage());
    }

    @Test
    void fromConfigWhenImportedCertificateNotForClientAuthenticationThenRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> load(pki.certificate("CN=batch").serverAuthOnly().build(), ""));

        assertTrue(e.getMessage().contains("clientAuth"), e.getMessage());
    }

    @Test
    void fromConfigWhenResponderUnreachableThenImportDeferredToUse() {
        IssuedCertificate imported = pki.certificate("CN=batch").ocspResponder("http://127.0.0.1:1/ocsp").build();

        assertDoesNotThrow(() -> load(imported, ""));
    }

    @Test
    void fromConfigWhenRegistryAnchorDisablesRevocationThenRevokedCertificateLoads() {
        try (TestCrlServer crls = TestCrlServer.start()) {
            IssuedCertificate imported = pki.certificate("CN=batch").crlDistributionPoint(crls.url()).build();
            crls.publish(TestCrlServer.crl(pki.intermediate(), Instant.now(), Instant.now().plus(Duration.ofHours(1)),
                    Map.of(imported.certificate().getSerialNumber(), Instant.now())));
            TestCertificates.writeCertificatesPem(dir.resolve("root.pem"), List.of(pki.root().certificate()));

            assertDoesNotThrow(() -> load(imported,
                    ", \"trust_anchors\": [{\"certificate_file\": \"root.pem\", \"revocation\": []}]"));
        }
    }
}
