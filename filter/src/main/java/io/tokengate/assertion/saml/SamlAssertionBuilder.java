package io.tokengate.assertion.saml;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One assertion to be minted by a {@link SamlAssertionMinter}: the values of RFC 7522 §3 with
 * the minter's defaults (random ID, issued and valid from now, {@link SamlAssertionMinter#DEFAULT_LIFETIME}
 * long, bearer confirmation, signed). Setting an instant to {@code null} leaves the attribute
 * out. Not thread-safe; {@link #toXml()} may be called repeatedly and mints a new signature each time.
 */
public final class SamlAssertionBuilder {
    private final SamlAssertionMinter minter;
    private String issuer;
    private String subject;
    private String nameIdFormat;
    private String id;
    private Instant issueInstant;
    private Instant notBefore;
    private Instant notOnOrAfter;
    private String confirmationMethod = BearerConfirmationCheck.BEARER;
    private Instant confirmationNotBefore;
    private Instant confirmationNotOnOrAfter;
    private boolean confirmationNotOnOrAfterSet;
    private String recipient;
    private final List<String> audiences = new ArrayList<>();
    private boolean signed = true;

    SamlAssertionBuilder(SamlAssertionMinter minter, String issuer, String subject, String id, Instant now, Instant expiry) {
        this.minter = minter;
        issuer(issuer).subject(subject).id(id);
        this.issueInstant = now;
        this.notBefore = now;
        this.notOnOrAfter = expiry;
    }

    public SamlAssertionBuilder issuer(String value) {
        this.issuer = requireText(value, "issuer");
        return this;
    }

    /** The {@code NameID} text. */
    public SamlAssertionBuilder subject(String value) {
        this.subject = requireText(value, "subject");
        return this;
    }

    /** The NameID Format, e.g. {@code urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress}; none by default. */
    public SamlAssertionBuilder nameIdFormat(String value) {
        this.nameIdFormat = value;
        return this;
    }

    /** The assertion ID; must be an XML NCName (not starting with a digit). */
    public SamlAssertionBuilder id(String value) {
        this.id = requireText(value, "id");
        return this;
    }

    public SamlAssertionBuilder issueInstant(Instant value) {
        this.issueInstant = Objects.requireNonNull(value, "issueInstant");
        return this;
    }

    /** Conditions NotBefore. */
    public SamlAssertionBuilder notBefore(Instant value) {
        this.notBefore = value;
        return this;
    }

    /** Conditions NotOnOrAfter, and the bearer confirmation's unless set apart with {@link #confirmationNotOnOrAfter}. */
    public SamlAssertionBuilder notOnOrAfter(Instant value) {
        this.notOnOrAfter = value;
        return this;
    }

    /** The SubjectConfirmation Method; bearer by default. */
    public SamlAssertionBuilder confirmationMethod(String value) {
        this.confirmationMethod = requireText(value, "confirmationMethod");
        return this;
    }

    /** SubjectConfirmationData NotBefore; absent by default, as the bearer profile wants it. */
    public SamlAssertionBuilder confirmationNotBefore(Instant value) {
        this.confirmationNotBefore = value;
        return this;
    }

    public SamlAssertionBuilder confirmationNotOnOrAfter(Instant value) {
        this.confirmationNotOnOrAfter = value;
        this.confirmationNotOnOrAfterSet = true;
        return this;
    }

    /** SubjectConfirmationData Recipient: the token endpoint the assertion will be sent to. Required. */
    public SamlAssertionBuilder recipient(String value) {
        this.recipient = requireText(value, "recipient");
        return this;
    }

    /** Adds Audience values to the one AudienceRestriction; at least one is required. */
    public SamlAssertionBuilder audience(String... values) {
        for (String value : values) {
            audiences.add(requireText(value, "audience"));
        }
        return this;
    }

    /** Whether to sign; {@code false} only for tests of refusal. */
    public SamlAssertionBuilder signed(boolean value) {
        this.signed = value;
        return this;
    }

    /** The signed assertion as XML text (UTF-8, no XML declaration). */
    public String toXml() {
        if (recipient == null || audiences.isEmpty()) {
            throw new IllegalStateException("a SAML bearer assertion needs a recipient and at least one audience (RFC 7522 §3)");
        }
        return minter.mint(this);
    }

    /** The {@code assertion} parameter: {@link #toXml()} base64url-encoded without padding. */
    public String toParameter() {
        return SamlAssertionMinter.encode(toXml());
    }

    private static String requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must be non-empty");
        }
        return value;
    }

    String issuer() { return issuer; }
    String subject() { return subject; }
    String nameIdFormat() { return nameIdFormat; }
    String id() { return id; }
    Instant issueInstant() { return issueInstant; }
    Instant notBefore() { return notBefore; }
    Instant notOnOrAfter() { return notOnOrAfter; }
    String confirmationMethod() { return confirmationMethod; }
    Instant confirmationNotBefore() { return confirmationNotBefore; }
    Instant confirmationNotOnOrAfter() { return confirmationNotOnOrAfterSet ? confirmationNotOnOrAfter : notOnOrAfter; }
    String recipient() { return recipient; }
    List<String> audiences() { return List.copyOf(audiences); }
    boolean signed() { return signed; }
}
