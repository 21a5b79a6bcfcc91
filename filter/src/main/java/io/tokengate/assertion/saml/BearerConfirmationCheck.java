package io.tokengate.assertion.saml;

import io.tokengate.error.OAuth2Exception;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.opensaml.saml.saml2.core.Subject;
import org.opensaml.saml.saml2.core.SubjectConfirmation;
import org.opensaml.saml.saml2.core.SubjectConfirmationData;

/**
 * Finds the bearer {@code <SubjectConfirmation>} that lets this server accept the assertion
 * (RFC 7522 §3 items 5 and 6, SAML profiles §4.1.4.2): Method
 * {@code urn:oasis:names:tc:SAML:2.0:cm:bearer}, a {@code SubjectConfirmationData} whose Recipient
 * is one of this server's URLs, a NotOnOrAfter that has not passed and no NotBefore in the future.
 * Other confirmations are ignored; when no bearer confirmation qualifies, the reason each one
 * failed is reported.
 */
final class BearerConfirmationCheck {
    static final String BEARER = SubjectConfirmation.METHOD_BEARER;

    private final Set<String> acceptableRecipients;

    BearerConfirmationCheck(Set<String> acceptableRecipients) {
        this.acceptableRecipients = acceptableRecipients;
    }

    /** Returns the NotOnOrAfter of the first acceptable bearer confirmation. */
    Instant confirm(Subject subject, ValidityWindow window) {
        List<String> reasons = new ArrayList<>();
        for (SubjectConfirmation confirmation : subject.getSubjectConfirmations()) {
            if (!BEARER.equals(confirmation.getMethod())) {
                continue;
            }
            String problem = problem(confirmation.getSubjectConfirmationData(), window);
            if (problem == null) {
                return confirmation.getSubjectConfirmationData().getNotOnOrAfter();
            }
            reasons.add(problem);
        }
        if (reasons.isEmpty()) {
            throw OAuth2Exception.invalidGrant("assertion has no SubjectConfirmation with Method " + BEARER
                    + " (RFC 7522 §3 item 5)");
        }
        throw OAuth2Exception.invalidGrant("assertion has no acceptable bearer SubjectConfirmation: " + String.join("; ", reasons));
    }

    private String problem(SubjectConfirmationData data, ValidityWindow window) {
        if (data == null) {
            return "bearer SubjectConfirmation has no SubjectConfirmationData (Recipient and NotOnOrAfter are required)";
        }
        String recipient = data.getRecipient();
        if (recipient == null || recipient.isBlank()) {
            return "bearer SubjectConfirmationData has no Recipient";
        }
        if (!acceptableRecipients.contains(recipient)) {
            return "bearer SubjectConfirmationData Recipient " + recipient + " is not this server (expected one of "
                    + acceptableRecipients + ")";
        }
        if (data.getNotOnOrAfter() == null) {
            return "bearer SubjectConfirmationData has no NotOnOrAfter";
        }
        if (window.expired(data.getNotOnOrAfter())) {
            return "bearer SubjectConfirmationData expired at " + data.getNotOnOrAfter() + " (now " + window.now() + ")";
        }
        if (window.notYetValid(data.getNotBefore())) {
            return "bearer SubjectConfirmationData is not valid before " + data.getNotBefore() + " (now " + window.now() + ")";
        }
        return null;
    }
}
