package io.tokengate.registry;

import io.tokengate.cert.validation.TrustAnchorPolicy;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * The registry file's {@code certificate_trust} section: trust anchors for client certificates,
 * each with its own revocation policy (which methods, order, fail open or closed, timeout, OCSP
 * responder, trusted partner responder certificates, CRL file), and intermediate CA certificates.
 * Immutable.
 */
public record CertificateTrust(List<TrustAnchorPolicy> anchors, List<X509Certificate> intermediates) {
    public CertificateTrust {
        anchors = List.copyOf(anchors);
        intermediates = List.copyOf(intermediates);
    }

    public static CertificateTrust none() {
        return new CertificateTrust(List.of(), List.of());
    }
}
