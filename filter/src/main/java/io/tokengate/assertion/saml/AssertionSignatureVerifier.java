package io.tokengate.assertion.saml;

import io.tokengate.error.OAuth2Exception;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;
import org.apache.xml.security.exceptions.XMLSecurityException;
import org.apache.xml.security.signature.XMLSignature;
import org.opensaml.saml.saml2.core.Assertion;
import org.opensaml.saml.security.impl.SAMLSignatureProfileValidator;
import org.opensaml.security.x509.BasicX509Credential;
import org.opensaml.xmlsec.signature.Signature;
import org.opensaml.xmlsec.signature.impl.SignatureImpl;
import org.opensaml.xmlsec.signature.support.SignatureConstants;
import org.opensaml.xmlsec.signature.support.SignatureException;
import org.opensaml.xmlsec.signature.support.SignatureValidator;

/**
 * Checks that an unmarshalled {@code <Assertion>} carries its issuer's enveloped XML signature
 * over itself (RFC 7522 §3 item 9, SAML core §5.4): one {@code ds:Signature} child, one Reference
 * whose URI is {@code #} + the assertion's own ID, only the enveloped and exclusive C14N
 * transforms ({@link SAMLSignatureProfileValidator}), SHA-2 algorithms, and a signature value that
 * verifies with one of the issuer's trusted certificates. The reference must name the ID of the
 * very element that holds the signature; together with {@link DocumentChecks#requireUniqueId}
 * (no second element with that ID to which the reference could resolve instead) a signature
 * moved onto another assertion (signature wrapping) cannot verify.
 */
final class AssertionSignatureVerifier {
    private static final Set<String> SIGNATURE_ALGORITHMS = Set.of(
            SignatureConstants.ALGO_ID_SIGNATURE_RSA_SHA256,
            SignatureConstants.ALGO_ID_SIGNATURE_RSA_SHA384,
            SignatureConstants.ALGO_ID_SIGNATURE_RSA_SHA512,
            SignatureConstants.ALGO_ID_SIGNATURE_ECDSA_SHA256,
            SignatureConstants.ALGO_ID_SIGNATURE_ECDSA_SHA384,
            SignatureConstants.ALGO_ID_SIGNATURE_ECDSA_SHA512);
    private static final Set<String> DIGEST_ALGORITHMS = Set.of(
            SignatureConstants.ALGO_ID_DIGEST_SHA256,
            SignatureConstants.ALGO_ID_DIGEST_SHA384,
            SignatureConstants.ALGO_ID_DIGEST_SHA512);

    private final SAMLSignatureProfileValidator profileValidator = new SAMLSignatureProfileValidator();

    /** Returns normally only when the signature verifies with one of {@code certificates}. */
    void verify(Assertion assertion, String issuer, List<X509Certificate> certificates) {
        Signature signature = assertion.getSignature();
        if (signature == null) {
            throw OAuth2Exception.invalidGrant("assertion is not signed; RFC 7522 §3 requires the issuer's signature on the <Assertion>");
        }
        try {
            profileValidator.validate(signature);
        } catch (SignatureException e) {
            throw OAuth2Exception.invalidGrant("assertion signature does not follow the SAML signature profile: " + e.getMessage());
        }
        XMLSignature xmlSignature = ((SignatureImpl) signature).getXMLSignature();
        checkAlgorithms(signature, xmlSignature);
        for (X509Certificate certificate : certificates) {
            try {
                SignatureValidator.validate(signature, new BasicX509Credential(certificate));
                return;
            } catch (SignatureException | RuntimeException e) {
                // try the issuer's next certificate (key rollover); a key of another type also lands here
            }
        }
        if (!digestMatches(xmlSignature)) {
            throw OAuth2Exception.invalidGrant("assertion was changed after it was signed: the digest of the signed content does not match");
        }
        throw OAuth2Exception.invalidGrant("assertion signature does not verify with any certificate trusted for issuer " + issuer);
    }

    private static void checkAlgorithms(Signature signature, XMLSignature xmlSignature) {
        String algorithm = signature.getSignatureAlgorithm();
        if (!SIGNATURE_ALGORITHMS.contains(algorithm)) {
            throw OAuth2Exception.invalidGrant("assertion signature algorithm " + algorithm
                    + " is not accepted; use RSA (PKCS#1 v1.5) or ECDSA with SHA-256, SHA-384 or SHA-512");
        }
        String digest;
        try {
            digest = xmlSignature.getSignedInfo().item(0).getMessageDigestAlgorithm().getAlgorithmURI();
        } catch (XMLSecurityException e) {
            throw OAuth2Exception.invalidGrant("assertion signature reference cannot be read: " + e.getMessage());
        }
        if (!DIGEST_ALGORITHMS.contains(digest)) {
            throw OAuth2Exception.invalidGrant("assertion signature digest algorithm " + digest
                    + " is not accepted; use SHA-256, SHA-384 or SHA-512");
        }
    }

    /** Whether the signed content is unchanged, independent of the key: tells tampering from a wrong key. */
    private static boolean digestMatches(XMLSignature xmlSignature) {
        try {
            return xmlSignature.getSignedInfo().verify(false);
        } catch (XMLSecurityException | RuntimeException e) {
            return false;
        }
    }
}
