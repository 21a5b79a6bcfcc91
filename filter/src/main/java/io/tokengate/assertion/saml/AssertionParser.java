package io.tokengate.assertion.saml;

import io.tokengate.error.OAuth2Exception;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Base64;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Turns the {@code assertion} parameter into a DOM whose document element is one SAML 2.0
 * {@code <Assertion>} (RFC 7522 §2.1), refusing anything else with {@code invalid_grant}.
 *
 * <p>Uses the JDK's own DOM parser ({@link DocumentBuilderFactory#newDefaultInstance()}) rather
 * than OpenSAML's {@code BasicParserPool}: every hardening feature is set here where it can be
 * read, no other parser found on the class path can be picked up, and comments are kept
 * (the pool drops them by default) so that a comment splitting the NameID is seen and refused
 * instead of silently merged. DTDs are refused outright, so neither internal entities (billion
 * laughs) nor external ones (file or network reads) are ever expanded; XInclude is off.
 */
final class AssertionParser {
    static final String SAML2_ASSERTION_NS = "urn:oasis:names:tc:SAML:2.0:assertion";

    private final DocumentBuilderFactory factory;
    private final int maxEncodedSize;

    AssertionParser(int maxEncodedSize) {
        this.maxEncodedSize = maxEncodedSize;
        this.factory = hardenedFactory();
    }

    /** Decodes, size-checks and parses; the result's document element is a {@code saml2:Assertion}. */
    Document parse(String parameter) {
        byte[] xml = decode(parameter);
        Document document;
        try {
            document = newBuilder().parse(new ByteArrayInputStream(xml));
        } catch (SAXException e) {
            throw OAuth2Exception.invalidGrant("assertion is not acceptable XML (DTDs, entities and XInclude are refused): "
                    + describe(e));
        } catch (IOException e) {
            throw OAuth2Exception.invalidGrant("assertion XML could not be read: " + e.getMessage());
        }
        Element root = document.getDocumentElement();
        if (!SAML2_ASSERTION_NS.equals(root.getNamespaceURI()) || !"Assertion".equals(root.getLocalName())) {
            throw OAuth2Exception.invalidGrant("assertion must be a single SAML 2.0 <saml2:Assertion> element (RFC 7522 §2.1), found <"
                    + root.getTagName() + "> in namespace " + root.getNamespaceURI());
        }
        DocumentChecks.requirePlainStructure(root);
        return document;
    }

    private byte[] decode(String parameter) {
        if (parameter == null || parameter.isEmpty()) {
            throw OAuth2Exception.invalidGrant("assertion is empty");
        }
        if (parameter.length() > maxEncodedSize) {
            throw OAuth2Exception.invalidGrant("assertion is " + parameter.length() + " characters long; at most "
                    + maxEncodedSize + " are accepted");
        }
        // RFC 7522 §2.1 says base64url; some clients (Oracle IDCS among them) send standard base64.
        boolean standard = parameter.indexOf('+') >= 0 || parameter.indexOf('/') >= 0;
        try {
            return (standard ? Base64.getDecoder() : Base64.getUrlDecoder()).decode(parameter);
        } catch (IllegalArgumentException e) {
            throw OAuth2Exception.invalidGrant("assertion is not base64url-encoded (RFC 7522 §2.1): " + e.getMessage());
        }
    }

    private DocumentBuilder newBuilder() {
        DocumentBuilder builder;
        synchronized (factory) { // a DocumentBuilderFactory is not guaranteed to be thread-safe
            try {
                builder = factory.newDocumentBuilder();
            } catch (ParserConfigurationException e) {
                throw new IllegalStateException(e);
            }
        }
        builder.setEntityResolver((publicId, systemId) -> {
            // Unreachable while DOCTYPEs are refused; a second lock on the door to external entities.
            throw new SAXException("external entity " + systemId + " refused");
        });
        builder.setErrorHandler(SILENT); // the default handler prints to stderr
        return builder;
    }

    private static DocumentBuilderFactory hardenedFactory() {
        DocumentBuilderFactory f = DocumentBuilderFactory.newDefaultInstance();
        f.setNamespaceAware(true);
        f.setXIncludeAware(false);
        f.setExpandEntityReferences(false);
        f.setIgnoringComments(false); // deliberately: comments must be seen to be refused (DocumentChecks)
        f.setCoalescing(true); // CDATA becomes text, as exclusive C14N sees it and OpenSAML expects
        try {
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser does not support a required hardening feature", e);
        }
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        return f;
    }

    /** What was wrong, in our words: the parser's own text names its internals (feature URLs). */
    private static String describe(SAXException e) {
        String message = String.valueOf(e.getMessage());
        String what = message.contains("DOCTYPE") ? "it contains a DOCTYPE"
                : message.contains("depth") || message.contains("maxElementDepth") ? "it is nested too deeply"
                : message.toLowerCase(java.util.Locale.ROOT).contains("entity") ? "it uses an entity"
                : "it is not well-formed";
        if (e instanceof SAXParseException p && p.getLineNumber() > 0) {
            return what + " (line " + p.getLineNumber() + ", column " + p.getColumnNumber() + ")";
        }
        return what;
    }

    private static final ErrorHandler SILENT = new ErrorHandler() {
        @Override
        public void warning(SAXParseException exception) {
        }

        @Override
        public void error(SAXParseException exception) throws SAXException {
            throw exception;
        }

        @Override
        public void fatalError(SAXParseException exception) throws SAXException {
            throw exception;
        }
    };
}
