package io.tokengate.cert.validation;

import io.tokengate.cert.Certificates;
import io.tokengate.cert.validation.CertificateValidationException.Reason;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The checks on the leaf alone: validity period with clock skew, and the key usages a TLS client
 * certificate needs (RFC 5280 §4.2.1.3 {@code digitalSignature} when key usage is present, and
 * §4.2.1.12 {@code id-kp-clientAuth} or {@code anyExtendedKeyUsage} when extended key usage is).
 */
final class UsageCheck {
    static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    static final String ANY_EXTENDED_KEY_USAGE = "2.5.29.37.0";

    private UsageCheck() {
    }

    static void validity(X509Certificate leaf, Instant now, Duration skew) {
        Instant notBefore = leaf.getNotBefore().toInstant();
        Instant notAfter = leaf.getNotAfter().toInstant();
        if (now.plus(skew).isBefore(notBefore)) {
            throw new CertificateValidationException(Reason.NOT_YET_VALID, "client certificate "
                    + Certificates.describe(leaf) + " is not valid before " + notBefore);
        }
        if (now.minus(skew).isAfter(notAfter)) {
            throw new CertificateValidationException(Reason.EXPIRED, "client certificate "
                    + Certificates.describe(leaf) + " expired at " + notAfter);
        }
    }

    static void clientAuthentication(X509Certificate leaf) {
        boolean[] keyUsage = leaf.getKeyUsage();
        if (keyUsage != null && (keyUsage.length == 0 || !keyUsage[0])) {
            throw new CertificateValidationException(Reason.KEY_USAGE, "client certificate " + Certificates.describe(leaf)
                    + " has a key usage without digitalSignature, so it cannot authenticate a TLS client");
        }
        List<String> extended;
        try {
            extended = leaf.getExtendedKeyUsage();
        } catch (CertificateParsingException e) {
            throw new CertificateValidationException(Reason.KEY_USAGE, "client certificate " + Certificates.describe(leaf)
                    + " has a malformed extended key usage extension");
        }
        if (extended != null && !extended.contains(CLIENT_AUTH) && !extended.contains(ANY_EXTENDED_KEY_USAGE)) {
            throw new CertificateValidationException(Reason.KEY_USAGE, "client certificate " + Certificates.describe(leaf)
                    + " is not issued for TLS client authentication (its extended key usage lacks clientAuth)");
        }
    }

    static void notCertificateAuthority(X509Certificate leaf) {
        if (leaf.getBasicConstraints() >= 0) {
            throw new CertificateValidationException(Reason.KEY_USAGE, "client certificate " + Certificates.describe(leaf)
                    + " is a CA certificate, not a client certificate");
        }
    }
}
