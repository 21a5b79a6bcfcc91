package io.tokengate.assertion.saml;

import io.tokengate.error.OAuth2Exception;
import org.opensaml.core.xml.XMLObject;
import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.w3c.dom.Text;

/**
 * Checks on an assertion's DOM that OpenSAML does not make, or makes only with an unhelpful
 * message: plain structure (no comments or processing instructions, bounded depth) before
 * unmarshalling; after it, that the signed ID names one element only and that each text value
 * we return is exactly one text node.
 */
final class DocumentChecks {
    private DocumentChecks() {
    }

    /** Deeper than any real assertion (an assertion in Advice with a signed KeyInfo is about 12). */
    static final int MAX_DEPTH = 64;

    /**
     * Refuses comments, processing instructions and nesting deeper than {@link #MAX_DEPTH} under
     * {@code root}. Exclusive C14N drops comments, so a comment can be added to a signed
     * assertion without breaking the signature: {@code admin@example.com<!---->.evil.example}
     * still carries the signature the identity provider made for {@code admin@example.com.evil.example},
     * and a reader that takes only the first text node sees {@code admin@example.com} (the SAML
     * comment-truncation attacks, CVE-2017-11427 and relatives). OpenSAML 4 itself refuses to
     * unmarshal a DOM with comments; this check does it first, with a clear message. The depth
     * limit keeps OpenSAML's recursive unmarshaller far from a stack overflow. Iterative, so
     * deep input cannot overflow the stack here either.
     */
    static void requirePlainStructure(Element root) {
        Node node = root;
        int depth = 0;
        while (node != null) {
            short type = node.getNodeType();
            if (type == Node.COMMENT_NODE || type == Node.PROCESSING_INSTRUCTION_NODE) {
                throw OAuth2Exception.invalidGrant("assertion contains " + (type == Node.COMMENT_NODE ? "an XML comment"
                        : "a processing instruction") + " inside <" + ((Element) node.getParentNode()).getTagName()
                        + ">; comments and processing instructions are refused in assertions");
            }
            if (node.getFirstChild() != null) {
                if (++depth > MAX_DEPTH) {
                    throw OAuth2Exception.invalidGrant("assertion XML is nested more than " + MAX_DEPTH + " elements deep");
                }
                node = node.getFirstChild();
                continue;
            }
            while (node != root && node.getNextSibling() == null) {
                node = node.getParentNode();
                depth--;
            }
            node = node == root ? null : node.getNextSibling();
        }
    }

    /**
     * Refuses a document in which an element other than {@code root} carries {@code id} in an
     * ID-like attribute: the signature reference {@code #id} must resolve to the root and nothing else.
     */
    static void requireUniqueId(Element root, String id) {
        NodeList all = root.getElementsByTagNameNS("*", "*");
        for (int i = 0; i < all.getLength(); i++) {
            if (carriesId((Element) all.item(i), id)) {
                throw OAuth2Exception.invalidGrant("assertion ID " + id + " occurs on more than one element "
                        + "(another <" + ((Element) all.item(i)).getTagName() + "> carries it); refused as possible signature wrapping");
            }
        }
    }

    private static boolean carriesId(Element element, String id) {
        NamedNodeMap attributes = element.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            Attr attribute = (Attr) attributes.item(i);
            String name = attribute.getLocalName() != null ? attribute.getLocalName() : attribute.getName();
            if ((attribute.isId() || name.equalsIgnoreCase("id")) && id.equals(attribute.getValue())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The text of a signed element that we hand on (Issuer, NameID, Audience), required to be
     * exactly one text node: no second text or CDATA node, no child element. Together with
     * {@link #requirePlainStructure} this makes the value we return the whole signed text, read
     * the same way by every later consumer.
     */
    static String singleText(XMLObject object, String what) {
        Element element = object.getDOM();
        if (element == null) {
            throw new IllegalStateException(what + " has no DOM; it must come from an unmarshalled assertion");
        }
        NodeList children = element.getChildNodes();
        if (children.getLength() == 0) {
            throw OAuth2Exception.invalidGrant("assertion " + what + " is empty");
        }
        if (children.getLength() > 1 || !(children.item(0) instanceof Text)) {
            throw OAuth2Exception.invalidGrant("assertion " + what + " must be plain text; it contains "
                    + describe(children) + " (a comment or markup inside it is refused)");
        }
        String value = element.getTextContent().strip();
        if (value.isEmpty()) {
            throw OAuth2Exception.invalidGrant("assertion " + what + " is empty");
        }
        return value;
    }

    private static String describe(NodeList children) {
        StringBuilder kinds = new StringBuilder();
        for (int i = 0; i < children.getLength(); i++) {
            kinds.append(i == 0 ? "" : ", ").append(switch (children.item(i).getNodeType()) {
                case Node.COMMENT_NODE -> "a comment";
                case Node.ELEMENT_NODE -> "an element";
                case Node.PROCESSING_INSTRUCTION_NODE -> "a processing instruction";
                case Node.TEXT_NODE, Node.CDATA_SECTION_NODE -> "text";
                default -> "a node of type " + children.item(i).getNodeType();
            });
        }
        return kinds.toString();
    }
}
