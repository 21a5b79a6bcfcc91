package io.tokengate.assertion.saml;

import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import net.shibboleth.utilities.java.support.xml.SerializeSupport;
import org.opensaml.core.xml.io.MarshallingException;
import org.opensaml.saml.common.SAMLObjectContentReference;
import org.opensaml.saml.saml2.core.Assertion;
import org.opensaml.security.x509.BasicX509Credential;
import org.opensaml.xmlsec.keyinfo.KeyInfoSupport;
import org.opensaml.xmlsec.signature.KeyInfo;
import org.opensaml.xmlsec.signature.Signature;
import org.opensaml.xmlsec.signature.support.SignatureConstants;
import org.opensaml.xmlsec.signature.support.SignatureException;
import org.opensaml.xmlsec.signature.support.Signer;
import org.w3c.dom.Element;

/**
 * Issues signed SAML 2.0 bearer assertions as RFC 7522 §3 describes them, for the outbound agent
 * (which presents them to other authorization servers), the demo and tests. One minter holds one
 * RSA or EC signing key and its certificate; each {@link #newAssertion} call starts a builder.
 * The signature is enveloped, over the assertion's ID, with exclusive C14N, SHA-256 digest and
 * RSA-SHA256 or ECDSA-SHA256, and the certificate is sent in {@code KeyInfo}. Thread-safe.
 */
public final class SamlAssertionMinter {
    /** Default validity of a minted assertion: long enough to reach the token endpoint, short for replay. */
    public static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(5);

    private final OpenSaml openSaml;
    private final BasicX509Credential credential;
    private final String signatureAlgorithm;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public SamlAssertionMinter(OpenSaml openSaml, PrivateKey signingKey, X509Certificate certificate, Clock clock) {
        this.openSaml = Objects.requireNonNull(openSaml, "openSaml");
        this.credential = new BasicX509Credential(Objects.requireNonNull(certificate, "certificate"),
                Objects.requireNonNull(signingKey, "signingKey"));
        this.signatureAlgorithm = switch (signingKey.getAlgorithm()) {
            case "RSA" -> SignatureConstants.ALGO_ID_SIGNATURE_RSA_SHA256;
            case "EC" -> SignatureConstants.ALGO_ID_SIGNATURE_ECDSA_SHA256;
            default -> throw new IllegalArgumentException("signing key must be RSA or EC, was " + signingKey.getAlgorithm());
        };
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Starts an assertion from {@code issuer} about {@code subject}, valid from now for
     * {@link #DEFAULT_LIFETIME}, signed; set at least the recipient and one audience.
     */
    public SamlAssertionBuilder newAssertion(String issuer, String subject) {
        Instant now = clock.instant();
        return new SamlAssertionBuilder(this, issuer, subject, "_" + HexFormat.of().formatHex(randomBytes()), now,
                now.plus(DEFAULT_LIFETIME));
    }

    /** The {@code assertion} parameter for an assertion's XML: base64url without padding (RFC 7522 §2.1). */
    public static String encode(String assertionXml) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(assertionXml.getBytes(StandardCharsets.UTF_8));
    }

    /** Marshals the assertion built by {@code builder}, signs it unless asked not to, and serialises it. */
    String mint(SamlAssertionBuilder builder) {
        Assertion assertion = new SamlAssertionAssembler(openSaml).assemble(builder);
        Signature signature = null;
        if (builder.signed()) {
            signature = openSaml.build(Signature.DEFAULT_ELEMENT_NAME);
            signature.setSigningCredential(credential);
            signature.setSignatureAlgorithm(signatureAlgorithm);
            signature.setCanonicalizationAlgorithm(SignatureConstants.ALGO_ID_C14N_EXCL_OMIT_COMMENTS);
            signature.setKeyInfo(keyInfo());
            assertion.setSignature(signature);
            for (var reference : signature.getContentReferences()) { // the one reference setSignature added
                ((SAMLObjectContentReference) reference).setDigestAlgorithm(SignatureConstants.ALGO_ID_DIGEST_SHA256);
            }
        }
        try {
            Element element = openSaml.marshaller(assertion).marshall(assertion);
            if (signature != null) {
                Signer.signObject(signature);
            }
            return SerializeSupport.nodeToString(element);
        } catch (MarshallingException | SignatureException e) {
            throw new IllegalStateException("could not sign the SAML assertion: " + e.getMessage(), e);
        }
    }

    private KeyInfo keyInfo() {
        KeyInfo keyInfo = openSaml.build(KeyInfo.DEFAULT_ELEMENT_NAME);
        try {
            KeyInfoSupport.addCertificate(keyInfo, credential.getEntityCertificate());
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
        return keyInfo;
    }

    private byte[] randomBytes() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return bytes;
    }
}
