package io.tokengate.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokengate.registry.CertificateSubject.Type;
import io.tokengate.testing.IssuedCertificate;
import io.tokengate.testing.TestCertificates;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.Test;

class CertificateSubjectTest {
    private static final String DN = "CN=orders-service, OU=Batch, O=Example Corp, C=DE";

    private final TestCertificates pki = TestCertificates.create();
    private final X509Certificate withNames = pki.certificate(DN)
            .sanDns("orders.example.test")
            .sanUri("spiffe://example.test/orders")
            .sanEmail("ops@example.test")
            .sanIp("192.0.2.10")
            .build().certificate();
    private final X509Certificate withoutNames = pki.clientIssuedByIntermediate(DN).certificate();

    @Test
    void matchesWhenSubjectDnEqualThenTrue() {
        assertTrue(new CertificateSubject(Type.SUBJECT_DN, DN).matches(withNames));
    }

    @Test
    void matchesWhenSubjectDnDiffersOnlyInCaseAndSpacingThenTrue() {
        assertTrue(new CertificateSubject(Type.SUBJECT_DN, "cn=Orders-Service,ou=batch,  o=example corp,c=de").matches(withNames));
    }

    @Test
    void matchesWhenSubjectDnDiffersThenFalse() {
        assertFalse(new CertificateSubject(Type.SUBJECT_DN, "CN=orders-service, OU=Online, O=Example Corp, C=DE")
                .matches(withNames));
    }

    @Test
    void matchesWhenSubjectDnAttributesInOtherOrderThenFalse() {
        assertFalse(new CertificateSubject(Type.SUBJECT_DN, "C=DE, O=Example Corp, OU=Batch, CN=orders-service")
                .matches(withNames));
    }

    @Test
    void matchesWhenSanDnsPresentThenTrueIgnoringCase() {
        assertTrue(new CertificateSubject(Type.SAN_DNS, "Orders.Example.TEST").matches(withNames));
    }

    @Test
    void matchesWhenSanDnsDiffersThenFalse() {
        assertFalse(new CertificateSubject(Type.SAN_DNS, "billing.example.test").matches(withNames));
    }

    @Test
    void matchesWhenCertificateHasNoAlternativeNamesThenFalse() {
        assertFalse(new CertificateSubject(Type.SAN_DNS, "orders.example.test").matches(withoutNames));
    }

    @Test
    void matchesWhenSanUriEqualThenTrue() {
        assertTrue(new CertificateSubject(Type.SAN_URI, "spiffe://example.test/orders").matches(withNames));
    }

    @Test
    void matchesWhenSanUriDiffersInCaseThenFalse() {
        assertFalse(new CertificateSubject(Type.SAN_URI, "spiffe://example.test/Orders").matches(withNames));
    }

    @Test
    void matchesWhenSanEmailPresentThenTrue() {
        assertTrue(new CertificateSubject(Type.SAN_EMAIL, "OPS@example.test").matches(withNames));
    }

    @Test
    void matchesWhenSanIpPresentThenTrue() {
        assertTrue(new CertificateSubject(Type.SAN_IP, "192.0.2.10").matches(withNames));
    }

    @Test
    void matchesWhenSanIpv6RegisteredInRfc5952FormThenTrue() {
        X509Certificate ipv6 = pki.certificate("CN=x").sanIp("2001:db8::1").build().certificate();

        assertTrue(new CertificateSubject(Type.SAN_IP, "2001:db8::1").matches(ipv6));
        assertTrue(new CertificateSubject(Type.SAN_IP, "2001:DB8:0:0:0:0:0:1").matches(ipv6));
    }

    @Test
    void matchesWhenSanIpv6DiffersThenFalse() {
        X509Certificate ipv6 = pki.certificate("CN=x").sanIp("2001:db8::1").build().certificate();

        assertFalse(new CertificateSubject(Type.SAN_IP, "2001:db8::2").matches(ipv6));
    }

    @Test
    void matchesWhenSanIpDiffersThenFalse() {
        assertFalse(new CertificateSubject(Type.SAN_IP, "192.0.2.11").matches(withNames));
    }

    @Test
    void matchesWhenValueOnlyInAnotherSanTypeThenFalse() {
        assertFalse(new CertificateSubject(Type.SAN_URI, "orders.example.test").matches(withNames));
        assertFalse(new CertificateSubject(Type.SAN_DNS, "ops@example.test").matches(withNames));
    }

    @Test
    void matchesWhenSanDnsEqualsSubjectCommonNameOnlyThenFalse() {
        IssuedCertificate cnOnly = pki.clientIssuedByIntermediate("CN=orders.example.test");

        assertFalse(new CertificateSubject(Type.SAN_DNS, "orders.example.test").matches(cnOnly.certificate()));
    }

    @Test
    void constructorWhenSubjectDnMalformedThenRefused() {
        assertThrows(IllegalArgumentException.class, () -> new CertificateSubject(Type.SUBJECT_DN, "not a distinguished name"));
    }

    @Test
    void toStringWhenCalledThenMetadataNameAndValue() {
        assertEquals("tls_client_auth_san_dns=orders.example.test",
                new CertificateSubject(Type.SAN_DNS, "orders.example.test").toString());
        assertEquals("tls_client_auth_subject_dn", Type.SUBJECT_DN.metadataName());
    }
}
