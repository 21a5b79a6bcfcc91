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

    /**
     * As {@link #using}, for certificates already in a registry the server loads at start-up: one
     * that has lapsed since it was imported (expired, not yet valid, revoked) is logged as a warning
     * and kept, so that one client's lapsed certificate cannot stop the whole server from starting;
     * the token endpoint refuses that certificate on use, saying why. A certificate that can never
     * pass (unknown issuer, broken path, no {@code clientAuth} usage) still refuses.
     */
    static CertificateImportCheck atLoad(CertificateValidator validator) {
        Set<Reason> lapsed = Set.of(Reason.EXPIRED, Reason.NOT_YET_VALID, Reason.REVOKED);
        CertificateImportCheck strict = using(validator);
        return (clientId, certificate) -> {
            try {
                strict.check(clientId, certificate);
            } catch (IllegalArgumentException e) {
                if (!(e.getCause() instanceof CertificateValidationException v) || !lapsed.contains(v.reason())) {
                    throw e;
                }
                org.slf4j.LoggerFactory.getLogger(CertificateImportCheck.class).warn(
                        "{}; the server starts, but the token endpoint refuses this certificate until the client "
                                + "profile holds a valid one", e.getMessage());
            }
        };
    }

    /** Accepts every certificate. */
    static CertificateImportCheck none() {
        return (clientId, certificate) -> { };
    }
}
