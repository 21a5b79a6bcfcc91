package io.tokengate.cert.validation;

import io.tokengate.testing.IssuedCertificate;
import io.tokengate.testing.MutableClock;
import io.tokengate.testing.TestCertificates;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;

/** A test PKI, a fake clock at the PKI's time, and validators built on them with real HTTP transport. */
final class ValidationFixture {
    final TestCertificates pki = TestCertificates.create();
    final MutableClock clock = new MutableClock(pki.now());

    CachingCertificateValidator validator(RevocationPolicy policy) {
        return validator(policy, b -> b);
    }

    CachingCertificateValidator validator(RevocationPolicy policy, UnaryOperator<CertificateValidationSettings.Builder> more) {
        CertificateValidationSettings settings = more.apply(CertificateValidationSettings.builder()
                .anchor(pki.root().certificate(), policy)).build();
        return new CachingCertificateValidator(settings, clock, new HttpRevocationTransport(Duration.ofSeconds(2)),
                new SecureRandom());
    }

    /** A client certificate from the intermediate CA naming {@code ocspUrl} in its AIA. */
    IssuedCertificate leafWithOcsp(String ocspUrl) {
        return pki.certificate("CN=ocsp-client, O=Tokengate Tests").ocspResponder(ocspUrl).build();
    }

    IssuedCertificate leafWithCrl(String crlUrl) {
        return pki.certificate("CN=crl-client, O=Tokengate Tests").crlDistributionPoint(crlUrl).build();
    }

    static RevocationPolicy ocspOnly() {
        return RevocationPolicy.builder().methods(List.of(RevocationMethod.OCSP)).timeout(Duration.ofSeconds(2)).build();
    }

    static RevocationPolicy crlOnly() {
        return RevocationPolicy.builder().methods(List.of(RevocationMethod.CRL)).timeout(Duration.ofSeconds(2)).build();
    }

    /** A loopback URL where nothing listens: a responder that is down. */
    static String closedPort() {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return "http://127.0.0.1:" + s.getLocalPort() + "/ocsp";
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
