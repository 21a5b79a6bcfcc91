package io.tokengate.cert.validation;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Decides whether a presented client certificate may be trusted: the one service behind the token
 * endpoint's certificate authenticators, the resource filter's certificate binding and the
 * registry's certificate import. Implementations are thread-safe.
 */
public interface CertificateValidator {

    /** How much the caller already trusts the certificate before asking. */
    enum Purpose {
        /**
         * RFC 8705 §2.1 PKI authentication: the certificate is trusted only through a path to a
         * configured trust anchor, so an unknown issuer is refused.
         */
        CHAIN_REQUIRED,
        /**
         * The certificate is pinned by registration (imported, or registered in a JWKS): it must be
         * within its validity period and usable for client authentication, and when its issuer is
         * a configured trust anchor or intermediate its path and revocation are checked as well.
         */
        PINNED
    }

    /**
     * @param chain   the presented chain, leaf first (intermediates may follow, in any order)
     * @param purpose see {@link Purpose}
     * @throws CertificateValidationException saying why the certificate is refused
     */
    void validate(List<X509Certificate> chain, Purpose purpose);

    /**
     * The same for a certificate as {@link io.tokengate.cert.ClientCertificateResolver} read it;
     * implementations may use its precomputed thumbprint.
     */
    default void validate(io.tokengate.cert.ClientCertificate presented, Purpose purpose) {
        validate(presented.chain(), purpose);
    }
}
