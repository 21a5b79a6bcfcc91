package io.tokengate.cert;

import io.tokengate.error.OAuth2Exception;
import java.security.InvalidAlgorithmParameterException;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Validates a presented client certificate chain to configured trust anchors with the JDK's PKIX
 * validator (RFC 5280 §6), as RFC 8705 §2.1 {@code tls_client_auth} requires. Revocation is not
 * checked here. Immutable and thread-safe.
 */
public final class PkixValidator {
    private final Set<TrustAnchor> anchors;

    public PkixValidator(List<X509Certificate> trustAnchors) {
        this.anchors = trustAnchors.stream().map(c -> new TrustAnchor(c, null)).collect(Collectors.toUnmodifiableSet());
    }

    public boolean hasTrustAnchors() {
        return !anchors.isEmpty();
    }

    /**
     * @throws OAuth2Exception {@code invalid_client} saying why the chain is not trusted
     */
    public void validate(ClientCertificate certificate, Instant now, String clientId) {
        if (anchors.isEmpty()) {
            throw OAuth2Exception.invalidClient("client " + clientId
                    + " uses tls_client_auth with a subject name, but the server has no trusted CA configured");
        }
        List<X509Certificate> path = certificate.chain().stream()
                .filter(c -> anchors.stream().noneMatch(a -> a.getTrustedCert().equals(c)))
                .toList();
        if (path.isEmpty()) {
            throw OAuth2Exception.invalidClient("client certificate " + certificate.describe()
                    + " is a CA certificate, not a client certificate");
        }
        try {
            PKIXParameters parameters = new PKIXParameters(anchors);
            parameters.setRevocationEnabled(false);
            parameters.setDate(Date.from(now));
            CertPathValidator.getInstance("PKIX").validate(
                    CertificateFactory.getInstance("X.509").generateCertPath(path), parameters);
        } catch (CertPathValidatorException e) {
            throw OAuth2Exception.invalidClient("client certificate " + certificate.describe()
                    + " for client " + clientId + " does not chain to a trusted CA: " + reason(e));
        } catch (InvalidAlgorithmParameterException | NoSuchAlgorithmException | CertificateException e) {
            throw new IllegalStateException("PKIX validation is not available", e);
        }
    }

    private static String reason(CertPathValidatorException e) {
        return switch (e.getReason() instanceof CertPathValidatorException.BasicReason basic ? basic : CertPathValidatorException.BasicReason.UNSPECIFIED) {
            case EXPIRED -> "a certificate in the chain has expired";
            case NOT_YET_VALID -> "a certificate in the chain is not yet valid";
            case INVALID_SIGNATURE -> "a signature in the chain does not verify";
            default -> e.getReason() == java.security.cert.PKIXReason.NO_TRUST_ANCHOR
                    ? "its issuer is not a trusted CA" : String.valueOf(e.getMessage());
        };
    }
}
