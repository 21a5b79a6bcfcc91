package io.tokengate.assertion.saml;

import io.tokengate.assertion.VerifiedAssertion;
import io.tokengate.error.OAuth2Exception;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.opensaml.core.xml.XMLObject;
import org.opensaml.core.xml.io.Unmarshaller;
import org.opensaml.core.xml.io.UnmarshallingException;
import org.opensaml.saml.common.SAMLVersion;
import org.opensaml.saml.saml2.core.Assertion;
import org.opensaml.saml.saml2.core.Issuer;
import org.opensaml.saml.saml2.core.NameID;
import org.opensaml.saml.saml2.core.Subject;
import org.w3c.dom.Document;

/**
 * Validates the {@code assertion} parameter of the SAML 2.0 bearer grant (RFC 7522 §2.1, §3)
 * and returns what it asserts. In order: base64url decoding (standard base64 is also accepted),
 * the size limit, hardened parsing, exactly one {@code <saml2:Assertion>} as the document,
 * a trusted Issuer, the issuer's enveloped signature over that assertion, a NameID, an acceptable
 * bearer SubjectConfirmation, the Conditions and the Audience. Every value returned is read from
 * the one signed Assertion object after its signature has verified.
 *
 * <p>Every refusal is an {@link OAuth2Exception} with code {@code invalid_grant} and a
 * description that says what is wrong; nothing else escapes for any input. Single use is not
 * checked here: the grant handler records {@link VerifiedAssertion#id()} and must keep it until
 * {@link VerifiedAssertion#expiresAt()} plus {@link SamlBearerValidationSettings#clockSkew()},
 * since until then this validator still accepts the assertion. Thread-safe.
 */
public final class SamlBearerAssertionValidator {
    private final SamlBearerValidationSettings settings;
    private final Clock clock;
    private final OpenSaml openSaml;
    private final AssertionParser parser;
    private final AssertionSignatureVerifier signatures = new AssertionSignatureVerifier();
    private final BearerConfirmationCheck confirmations;
    private final ConditionsCheck conditions;
    private final Function<String, List<X509Certificate>> moreIssuers;

    /** Initialises OpenSAML if that has not happened yet (see {@link OpenSaml}). */
    public SamlBearerAssertionValidator(SamlBearerValidationSettings settings, Clock clock) {
        this(settings, clock, new OpenSaml());
    }

    public SamlBearerAssertionValidator(SamlBearerValidationSettings settings, Clock clock, OpenSaml openSaml) {
        this(settings, clock, openSaml, issuer -> List.of());
    }

    /**
     * @param moreIssuers the certificates of an issuer that is not among the settings' trusted
     *                    issuers, looked up on each assertion (empty when it is not trusted): the
     *                    Trusted clients of the registry, which may change while the server runs
     */
    public SamlBearerAssertionValidator(SamlBearerValidationSettings settings, Clock clock, OpenSaml openSaml,
            Function<String, List<X509Certificate>> moreIssuers) {
        this.moreIssuers = Objects.requireNonNull(moreIssuers, "moreIssuers");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.openSaml = Objects.requireNonNull(openSaml, "openSaml");
        this.parser = new AssertionParser(settings.maxEncodedSize());
        this.confirmations = new BearerConfirmationCheck(settings.acceptableRecipients());
        this.conditions = new ConditionsCheck(settings.acceptableAudiences());
    }

    /**
     * @param assertionParameter the {@code assertion} form parameter as received
     * @return the verified issuer, NameID, assertion ID and the earlier of the Conditions and
     *         bearer confirmation NotOnOrAfter instants
     * @throws OAuth2Exception {@code invalid_grant}, saying what is wrong, for any unacceptable assertion
     */
    public VerifiedAssertion validate(String assertionParameter) {
        Document document = parser.parse(assertionParameter);
        Assertion assertion = unmarshall(document);
        String id = assertion.getID();
        if (id == null || id.isBlank()) {
            throw OAuth2Exception.invalidGrant("assertion has no ID attribute");
        }
        if (!SAMLVersion.VERSION_20.equals(assertion.getVersion())) {
            throw OAuth2Exception.invalidGrant("assertion Version must be 2.0, was " + assertion.getVersion());
        }
        DocumentChecks.requireUniqueId(document.getDocumentElement(), id);

        String issuer = issuer(assertion.getIssuer());
        List<X509Certificate> certificates = settings.trustedIssuers().get(issuer);
        if (certificates == null) {
            certificates = moreIssuers.apply(issuer);
        }
        if (certificates == null || certificates.isEmpty()) {
            throw OAuth2Exception.invalidGrant("assertion issuer " + issuer + " is not a trusted identity provider");
        }
        signatures.verify(assertion, issuer, certificates);

        // From here on only the signed Assertion object is read.
        String subject = nameId(assertion.getSubject());
        ValidityWindow window = new ValidityWindow(clock.instant(), settings.clockSkew());
        Instant confirmationExpiry = confirmations.confirm(assertion.getSubject(), window);
        conditions.check(assertion.getConditions(), window);
        Instant conditionsExpiry = assertion.getConditions().getNotOnOrAfter();
        Instant expiresAt = conditionsExpiry != null && conditionsExpiry.isBefore(confirmationExpiry)
                ? conditionsExpiry : confirmationExpiry;
        return new VerifiedAssertion(issuer, subject, id, expiresAt);
    }

    private Assertion unmarshall(Document document) {
        Unmarshaller unmarshaller = openSaml.unmarshaller(document.getDocumentElement());
        XMLObject object;
        try {
            object = unmarshaller.unmarshall(document.getDocumentElement());
        } catch (UnmarshallingException | RuntimeException e) {
            throw OAuth2Exception.invalidGrant("assertion is not a well-formed SAML 2.0 Assertion: " + e.getMessage());
        }
        if (!(object instanceof Assertion assertion)) {
            throw OAuth2Exception.invalidGrant("assertion is not a SAML 2.0 Assertion");
        }
        return assertion;
    }

    private static String issuer(Issuer issuer) {
        if (issuer == null) {
            throw OAuth2Exception.invalidGrant("assertion has no Issuer (RFC 7522 §3 item 1)");
        }
        if (issuer.getFormat() != null && !Issuer.ENTITY.equals(issuer.getFormat())) {
            throw OAuth2Exception.invalidGrant("assertion Issuer Format must be " + Issuer.ENTITY + ", was " + issuer.getFormat());
        }
        return DocumentChecks.singleText(issuer, "Issuer");
    }

    private static String nameId(Subject subject) {
        if (subject == null) {
            throw OAuth2Exception.invalidGrant("assertion has no Subject (RFC 7522 §3 item 3)");
        }
        NameID nameId = subject.getNameID();
        if (nameId == null) {
            throw OAuth2Exception.invalidGrant(subject.getEncryptedID() != null
                    ? "assertion Subject has an EncryptedID; encrypted NameIDs are not supported"
                    : "assertion Subject has no NameID (RFC 7522 §3 item 3)");
        }
        return DocumentChecks.singleText(nameId, "NameID");
    }
}
