package io.tokengate.assertion.saml;

import io.tokengate.error.OAuth2Exception;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.opensaml.saml.saml2.core.Audience;
import org.opensaml.saml.saml2.core.AudienceRestriction;
import org.opensaml.saml.saml2.core.Conditions;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Checks an assertion's {@code <Conditions>} (RFC 7522 §3 items 2, 6 and 11; SAML core §2.5):
 * its validity period, an {@code <AudienceRestriction>} naming this server, and no condition
 * this server does not understand. As SAML core §2.5.1.4 requires, every AudienceRestriction
 * must name this server, not just one of them. {@code OneTimeUse} is satisfied by the grant's
 * replay check; {@code ProxyRestriction} limits re-issuing assertions, which this server does not do.
 */
final class ConditionsCheck {
    private static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";
    private static final Set<String> KNOWN = Set.of("AudienceRestriction", "OneTimeUse", "ProxyRestriction");

    private final Set<String> acceptableAudiences;

    ConditionsCheck(Set<String> acceptableAudiences) {
        this.acceptableAudiences = acceptableAudiences;
    }

    void check(Conditions conditions, ValidityWindow window) {
        if (conditions == null) {
            throw OAuth2Exception.invalidGrant("assertion has no Conditions; an AudienceRestriction naming this server "
                    + "is required (RFC 7522 §3 item 2)");
        }
        if (window.notYetValid(conditions.getNotBefore())) {
            throw OAuth2Exception.invalidGrant("assertion is not valid before " + conditions.getNotBefore()
                    + " (Conditions NotBefore; now " + window.now() + ")");
        }
        if (window.expired(conditions.getNotOnOrAfter())) {
            throw OAuth2Exception.invalidGrant("assertion expired at " + conditions.getNotOnOrAfter()
                    + " (Conditions NotOnOrAfter; now " + window.now() + ")");
        }
        checkConditionTypes(conditions);
        checkAudiences(conditions.getAudienceRestrictions());
    }

    /**
     * Looks at the DOM, not the unmarshalled object, so that a condition OpenSAML represents as
     * some generic type, or leaves out, is still seen and refused.
     */
    private static void checkConditionTypes(Conditions conditions) {
        for (Node child = conditions.getDOM().getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child.getNodeType() == Node.ELEMENT_NODE && !(AssertionParser.SAML2_ASSERTION_NS.equals(child.getNamespaceURI())
                    && KNOWN.contains(child.getLocalName()))) {
                Element element = (Element) child;
                String type = element.getAttributeNS(XSI, "type");
                throw OAuth2Exception.invalidGrant("assertion has a condition this server does not understand: <"
                        + element.getTagName() + (type.isEmpty() ? "" : " xsi:type=\"" + type + "\"")
                        + "> (RFC 7522 §3 item 11 requires refusing it)");
            }
        }
    }

    private void checkAudiences(List<AudienceRestriction> restrictions) {
        if (restrictions.isEmpty()) {
            throw OAuth2Exception.invalidGrant("assertion has no AudienceRestriction; one with an Audience naming this server "
                    + "is required (RFC 7522 §3 item 2)");
        }
        for (AudienceRestriction restriction : restrictions) {
            List<String> named = new ArrayList<>();
            for (Audience audience : restriction.getAudiences()) {
                named.add(DocumentChecks.singleText(audience, "Audience"));
            }
            if (named.stream().noneMatch(acceptableAudiences::contains)) {
                throw OAuth2Exception.invalidGrant("assertion audience " + named + " does not include this server "
                        + "(expected one of " + acceptableAudiences + ")");
            }
        }
    }
}
