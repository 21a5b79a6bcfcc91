package io.tokengate.cert.validation;

import io.tokengate.cert.validation.CertificateValidationException.Reason;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;

/**
 * Checks a certificate before it is imported into a client profile (the registry file at load,
 * the client registration API): it must pass the same validation the token endpoint will apply,
 * as a {@link CertificateValidator.Purpose#PINNED} certificate. A revocation status that cannot be
 * found out right now (responder or CRL unreachable) does not refuse an import; the token endpoint
 * checks again on use. Thread-safe.
 */
@FunctionalInterface
public interface CertificateImportCheck {

    /**
     * @param clientId    the client the certificate is for, to name in the message
     * @param certificate the certificate to import, with any intermediates after it
     * @throws IllegalArgumentException saying which client's certificate is refused and why
     */
    void check(String clientId, List<X509Certificate> certificate);

    /** An import check that refuses what {@code validator} refuses. */
    static CertificateImportCheck using(CertificateValidator validator) {
        Set<Reason> deferred = Set.of(Reason.REVOCATION_UNAVAILABLE);
        return (clientId, certificate) -> {
            try {
                validator.validate(certificate, CertificateValidator.Purpose.PINNED);
            } catch (CertificateValidationException e) {
                if (!deferred.contains(e.reason())) {
                    throw new IllegalArgumentException("client " + clientId + ": the certificate cannot be imported: "
                            + e.getMessage(), e);
                }
            }
        };
    }

    /** Accepts every certificate. */
    static CertificateImportCheck none() {
        return (clientId, certificate) -> { };
    }
}
