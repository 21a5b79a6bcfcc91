package io.tokengate.cert.validation;

import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.operator.ContentVerifierProvider;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;

/**
 * Who may sign an OCSP response (RFC 6960 §4.2.2.2): a configured trusted partner certificate, the
 * CA that issued the certificate, or a responder that CA delegated to (a certificate it issued,
 * carried in the response, with {@code id-kp-OCSPSigning} and valid now).
 */
final class OcspSignerCheck {
    private OcspSignerCheck() {
    }

    /** @return empty when the signer is acceptable, else what is wrong with it */
    static Optional<String> problem(BasicOCSPResp response, X509Certificate issuer, List<X509Certificate> partners,
            Instant now, Duration skew) {
        for (X509Certificate partner : partners) {
            if (verifies(response, partner.getPublicKey())) {
                return Optional.empty();
            }
        }
        if (verifies(response, issuer.getPublicKey())) {
            return Optional.empty();
        }
        X509CertificateHolder issuerHolder = OcspChecker.holder(issuer);
        for (X509CertificateHolder candidate : response.getCerts()) {
            if (!candidate.getIssuer().equals(issuerHolder.getSubject()) || !signedBy(candidate, issuer.getPublicKey())) {
                continue;
            }
            ExtendedKeyUsage eku = ExtendedKeyUsage.fromExtensions(candidate.getExtensions());
            if (eku == null || !eku.hasKeyPurposeId(KeyPurposeId.id_kp_OCSPSigning)) {
                continue;
            }
            if (!candidate.isValidOn(Date.from(now)) && !candidate.isValidOn(Date.from(now.minus(skew)))) {
                return Optional.of("is signed by a delegated responder whose certificate is not valid now");
            }
            try {
                ContentVerifierProvider verifier = new JcaContentVerifierProviderBuilder().build(candidate);
                if (response.isSignatureValid(verifier)) {
                    return Optional.empty();
                }
            } catch (Exception e) {
                // not a usable key: try the next certificate
            }
        }
        return Optional.of("is not signed by the issuing CA, a responder it delegated to, or a trusted responder");
    }

    private static boolean verifies(BasicOCSPResp response, PublicKey key) {
        try {
            return response.isSignatureValid(new JcaContentVerifierProviderBuilder().build(key));
        } catch (Exception e) {
            return false;
        }
    }

    private static boolean signedBy(X509CertificateHolder certificate, PublicKey key) {
        try {
            return certificate.isSignatureValid(new JcaContentVerifierProviderBuilder().build(key));
        } catch (Exception e) {
            return false;
        }
    }
}
