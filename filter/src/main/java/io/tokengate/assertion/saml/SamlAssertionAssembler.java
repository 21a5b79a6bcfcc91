package io.tokengate.assertion.saml;

import org.opensaml.saml.common.SAMLVersion;
import org.opensaml.saml.saml2.core.Assertion;
import org.opensaml.saml.saml2.core.Audience;
import org.opensaml.saml.saml2.core.AudienceRestriction;
import org.opensaml.saml.saml2.core.Conditions;
import org.opensaml.saml.saml2.core.Issuer;
import org.opensaml.saml.saml2.core.NameID;
import org.opensaml.saml.saml2.core.Subject;
import org.opensaml.saml.saml2.core.SubjectConfirmation;
import org.opensaml.saml.saml2.core.SubjectConfirmationData;

/** Builds the unsigned OpenSAML {@link Assertion} object for a {@link SamlAssertionBuilder}. */
final class SamlAssertionAssembler {
    private final OpenSaml saml;

    SamlAssertionAssembler(OpenSaml saml) {
        this.saml = saml;
    }

    Assertion assemble(SamlAssertionBuilder spec) {
        Assertion assertion = saml.build(Assertion.DEFAULT_ELEMENT_NAME);
        assertion.setVersion(SAMLVersion.VERSION_20);
        assertion.setID(spec.id());
        assertion.setIssueInstant(spec.issueInstant());

        Issuer issuer = saml.build(Issuer.DEFAULT_ELEMENT_NAME);
        issuer.setValue(spec.issuer());
        assertion.setIssuer(issuer);

        assertion.setSubject(subject(spec));
        assertion.setConditions(conditions(spec));
        return assertion;
    }

    private Subject subject(SamlAssertionBuilder spec) {
        NameID nameId = saml.build(NameID.DEFAULT_ELEMENT_NAME);
        nameId.setValue(spec.subject());
        nameId.setFormat(spec.nameIdFormat());

        SubjectConfirmationData data = saml.build(SubjectConfirmationData.DEFAULT_ELEMENT_NAME);
        data.setRecipient(spec.recipient());
        data.setNotBefore(spec.confirmationNotBefore());
        data.setNotOnOrAfter(spec.confirmationNotOnOrAfter());

        SubjectConfirmation confirmation = saml.build(SubjectConfirmation.DEFAULT_ELEMENT_NAME);
        confirmation.setMethod(spec.confirmationMethod());
        confirmation.setSubjectConfirmationData(data);

        Subject subject = saml.build(Subject.DEFAULT_ELEMENT_NAME);
        subject.setNameID(nameId);
        subject.getSubjectConfirmations().add(confirmation);
        return subject;
    }

    private Conditions conditions(SamlAssertionBuilder spec) {
        AudienceRestriction restriction = saml.build(AudienceRestriction.DEFAULT_ELEMENT_NAME);
        for (String value : spec.audiences()) {
            Audience audience = saml.build(Audience.DEFAULT_ELEMENT_NAME);
            audience.setURI(value);
            restriction.getAudiences().add(audience);
        }
        Conditions conditions = saml.build(Conditions.DEFAULT_ELEMENT_NAME);
        conditions.setNotBefore(spec.notBefore());
        conditions.setNotOnOrAfter(spec.notOnOrAfter());
        conditions.getAudienceRestrictions().add(restriction);
        return conditions;
    }
}
