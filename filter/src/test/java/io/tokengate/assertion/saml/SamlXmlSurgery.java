package io.tokengate.assertion.saml;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.util.List;
import javax.xml.crypto.MarshalException;
import javax.xml.crypto.dsig.CanonicalizationMethod;
import javax.xml.crypto.dsig.DigestMethod;
import javax.xml.crypto.dsig.Reference;
import javax.xml.crypto.dsig.SignedInfo;
import javax.xml.crypto.dsig.Transform;
import javax.xml.crypto.dsig.XMLSignatureException;
import javax.xml.crypto.dsig.XMLSignatureFactory;
import javax.xml.crypto.dsig.dom.DOMSignContext;
import javax.xml.crypto.dsig.spec.C14NMethodParameterSpec;
import javax.xml.crypto.dsig.spec.TransformParameterSpec;
import javax.xml.parsers.DocumentBuilderFactory;
import net.shibboleth.utilities.java.support.xml.SerializeSupport;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Test helper: the DOM edits an attacker makes to a signed assertion for signature wrapping.
 * Works on serialised XML so each test shows exactly what it sends.
 */
final class SamlXmlSurgery {
    static final String SAML = "urn:oasis:names:tc:SAML:2.0:assertion";
    static final String DSIG = "http://www.w3.org/2000/09/xmldsig#";

    private SamlXmlSurgery() {
    }

    /**
     * Puts {@code signed} inside a {@code <saml2:Advice>} of {@code outer} (after its Conditions),
     * optionally inside a foreign-namespace wrapper element first, and optionally copies the
     * signed assertion's {@code ds:Signature} onto {@code outer} right after its Issuer.
     */
    static String wrap(String outer, String signed, boolean inForeignElement, boolean copySignature) {
        Document document = parse(outer);
        Element outerRoot = document.getDocumentElement();
        Element signedRoot = (Element) document.importNode(parse(signed).getDocumentElement(), true);
        if (copySignature) {
            Node signature = signedRoot.getElementsByTagNameNS(DSIG, "Signature").item(0).cloneNode(true);
            Node issuer = outerRoot.getElementsByTagNameNS(SAML, "Issuer").item(0);
            outerRoot.insertBefore(signature, issuer.getNextSibling());
        }
        Element advice = document.createElementNS(SAML, "saml2:Advice");
        if (inForeignElement) {
            Element wrapper = document.createElementNS("urn:example:evil", "evil:Wrapper");
            wrapper.appendChild(signedRoot);
            advice.appendChild(wrapper);
        } else {
            advice.appendChild(signedRoot);
        }
        Node conditions = outerRoot.getElementsByTagNameNS(SAML, "Conditions").item(0);
        outerRoot.insertBefore(advice, conditions.getNextSibling());
        return SerializeSupport.nodeToString(outerRoot);
    }

    /**
     * Signs arbitrary assertion XML the way an identity provider would (enveloped, exclusive
     * C14N, SHA-256 digest, over {@code #ID}, placed after the Issuer), with the JDK's own XML
     * signature API: lets a test send content the minter cannot produce with a valid signature.
     */
    static String sign(String xml, PrivateKey key, String signatureMethod) {
        try {
            Document document = parse(xml);
            Element root = document.getDocumentElement();
            root.setIdAttributeNS(null, "ID", true);
            XMLSignatureFactory factory = XMLSignatureFactory.getInstance("DOM");
            List<Transform> transforms = List.of(
                    factory.newTransform(Transform.ENVELOPED, (TransformParameterSpec) null),
                    factory.newTransform(CanonicalizationMethod.EXCLUSIVE, (TransformParameterSpec) null));
            Reference reference = factory.newReference("#" + root.getAttribute("ID"),
                    factory.newDigestMethod(DigestMethod.SHA256, null), transforms, null, null);
            SignedInfo signedInfo = factory.newSignedInfo(
                    factory.newCanonicalizationMethod(CanonicalizationMethod.EXCLUSIVE, (C14NMethodParameterSpec) null),
                    factory.newSignatureMethod(signatureMethod, null), List.of(reference));
            Node issuer = root.getElementsByTagNameNS(SAML, "Issuer").item(0);
            DOMSignContext context = new DOMSignContext(key, root, issuer.getNextSibling());
            context.setDefaultNamespacePrefix("ds");
            factory.newXMLSignature(signedInfo, null).sign(context);
            return SerializeSupport.nodeToString(root);
        } catch (GeneralSecurityException | MarshalException | XMLSignatureException e) {
            throw new IllegalStateException(e);
        }
    }

    static Document parse(String xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
