package io.tokengate.cert.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokengate.testing.TestCertificates;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificateTrustConfigTest {
    @TempDir
    Path dir;

    private static CertificateTrustConfig from(Map<String, String> parameters) {
        return CertificateTrustConfig.fromParameters(parameters::get);
    }

    @Test
    void fromParametersWhenNoneGivenThenOcspThenCrlFailingClosed() {
        CertificateTrustConfig config = from(Map.of());

        assertEquals(List.of(RevocationMethod.OCSP, RevocationMethod.CRL), config.defaultPolicy().methods());
        assertFalse(config.defaultPolicy().failOpen());
        assertEquals(Duration.ofSeconds(5), config.defaultPolicy().timeout());
        assertEquals(Duration.ofMinutes(5), config.cacheTtl());
        assertEquals(Duration.ofSeconds(30), config.negativeCacheTtl());
    }

    @Test
    void fromParametersWhenEveryOptionGivenThenEachRead() {
        TestCertificates pki = TestCertificates.create();
        Path partner = TestCertificates.writeCertificatesPem(dir.resolve("partner.crt"),
                List.of(pki.selfSigned("CN=partner").certificate()));

        CertificateTrustConfig config = from(Map.of(
                CertificateTrustConfig.REVOCATION, "crl, ocsp",
                CertificateTrustConfig.FAIL_OPEN, "true",
                CertificateTrustConfig.TIMEOUT, "2",
                CertificateTrustConfig.OCSP_RESPONDER, "http://ocsp.example.test/",
                CertificateTrustConfig.OCSP_TRUSTED_RESPONDER_FILE, partner.toString(),
                CertificateTrustConfig.CRL_FILE, "/etc/tokengate/ca.crl",
                CertificateTrustConfig.CACHE_TTL, "PT1M",
                CertificateTrustConfig.NEGATIVE_CACHE_TTL, "PT5S"));

        RevocationPolicy p = config.defaultPolicy();
        assertEquals(List.of(RevocationMethod.CRL, RevocationMethod.OCSP), p.methods());
        assertTrue(p.failOpen());
        assertEquals(Duration.ofSeconds(2), p.timeout());
        assertEquals(URI.create("http://ocsp.example.test/"), p.ocspResponder().orElseThrow());
        assertEquals(1, p.trustedResponders().size());
        assertEquals(Path.of("/etc/tokengate/ca.crl"), p.crlFile().orElseThrow());
        assertEquals(Duration.ofMinutes(1), config.cacheTtl());
    }

    @Test
    void fromParametersWhenRevocationNoneThenNoMethods() {
        assertTrue(from(Map.of(CertificateTrustConfig.REVOCATION, "none")).defaultPolicy().methods().isEmpty());
    }

    @Test
    void fromParametersWhenUnknownMethodThenErrorNamesInitParam() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> from(Map.of(CertificateTrustConfig.REVOCATION, "ocsp,ldap")));

        assertTrue(e.getMessage().startsWith(CertificateTrustConfig.REVOCATION), e.getMessage());
    }

    @Test
    void fromParametersWhenTimeoutOutOfRangeThenErrorNamesInitParam() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> from(Map.of(CertificateTrustConfig.TIMEOUT, "PT5M")));

        assertTrue(e.getMessage().startsWith(CertificateTrustConfig.TIMEOUT), e.getMessage());
    }

    @Test
    void fromParametersWhenFailOpenNotBooleanThenErrorNamesInitParam() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> from(Map.of(CertificateTrustConfig.FAIL_OPEN, "yes")));

        assertTrue(e.getMessage().startsWith(CertificateTrustConfig.FAIL_OPEN), e.getMessage());
    }

    @Test
    void fromParametersWhenNegativeTtlAboveTtlThenRefused() {
        assertThrows(IllegalArgumentException.class, () -> from(Map.of(CertificateTrustConfig.CACHE_TTL, "PT1M",
                CertificateTrustConfig.NEGATIVE_CACHE_TTL, "PT2M")));
    }

    @Test
    void settingsWhenRegistryListsAnAnchorThenItsOwnPolicyWinsOverTheDefault() {
        TestCertificates pki = TestCertificates.create();
        RevocationPolicy own = RevocationPolicy.builder().methods(List.of(RevocationMethod.CRL)).failOpen(true).build();

        CertificateValidationSettings settings = CertificateTrustConfig.defaults().settings(
                List.of(pki.root().certificate(), pki.intermediate().certificate()),
                List.of(new TrustAnchorPolicy(pki.root().certificate(), own)), List.of(), Duration.ofSeconds(30));

        assertEquals(2, settings.anchors().size());
        assertEquals(own, settings.anchors().stream().filter(a -> a.anchor().equals(pki.root().certificate()))
                .findFirst().orElseThrow().revocation());
        assertEquals(RevocationPolicy.defaults(), settings.anchors().stream()
                .filter(a -> a.anchor().equals(pki.intermediate().certificate())).findFirst().orElseThrow().revocation());
        assertEquals(Duration.ofSeconds(30), settings.clockSkew());
    }
}
