package io.tokengate.assertion.saml;

import static io.tokengate.testing.SamlAssertions.IDP_ISSUER;
import static io.tokengate.testing.SamlAssertions.SERVER_ISSUER;
import static io.tokengate.testing.SamlAssertions.SP_SSO_ENDPOINT;
import static io.tokengate.testing.SamlAssertions.SUBJECT;
import static io.tokengate.testing.SamlAssertions.TOKEN_ENDPOINT;
import static io.tokengate.testing.SamlAssertions.encode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.tokengate.assertion.VerifiedAssertion;
import io.tokengate.error.ErrorCode;
import io.tokengate.error.OAuth2Exception;
import io.tokengate.testing.SamlAssertions;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import javax.xml.crypto.dsig.SignatureMethod;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

class SamlBearerAssertionValidatorTest {
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private static SamlAssertions idp;

    @BeforeAll
    static void identityProvider() {
        idp = SamlAssertions.rsa(CLOCK);
    }

    @Test
    void validateWhenValidThenVerifiedAssertion() {
        VerifiedAssertion verified = validator().validate(idp.assertion().id("_a1").toParameter());

        assertEquals(new VerifiedAssertion(IDP_ISSUER, SUBJECT, "_a1", NOW.plus(Duration.ofMinutes(5))), verified);
    }

    @Test
    void validateWhenSignedWithEcKeyThenVerifiedAssertion() {
        SamlAssertions ecIdp = SamlAssertions.ec(CLOCK);
        var validator = new SamlBearerAssertionValidator(ecIdp.settings().build(), CLOCK);

        assertEquals(SUBJECT, validator.validate(ecIdp.assertion().toParameter()).subject());
    }

    @Test
    void validateWhenStandardBase64WithPaddingThenVerifiedAssertion() {
        String xml = idp.assertion().subject("bob+ops@example.com").toXml();

        assertEquals("bob+ops@example.com", validator().validate(SamlAssertions.encodeStandard(xml)).subject());
    }

    @Test
    void validateWhenRecipientAndAudienceAreAliasesThenVerifiedAssertion() {
        String assertion = idp.assertion().recipient(SP_SSO_ENDPOINT).audience(TOKEN_ENDPOINT).toParameter();

        assertEquals(SUBJECT, validator().validate(assertion).subject());
    }

    @Test
    void validateWhenConditionsExpireBeforeConfirmationThenExpiresAtIsConditionsExpiry() {
        String assertion = idp.assertion().notOnOrAfter(NOW.plusSeconds(90)).confirmationNotOnOrAfter(NOW.plusSeconds(300))
                .toParameter();

        assertEquals(NOW.plusSeconds(90), validator().validate(assertion).expiresAt());
    }

    @Test
    void validateWhenConfirmationExpiresBeforeConditionsThenExpiresAtIsConfirmationExpiry() {
        String assertion = idp.assertion().notOnOrAfter(NOW.plusSeconds(300)).confirmationNotOnOrAfter(NOW.plusSeconds(90))
                .toParameter();

        assertEquals(NOW.plusSeconds(90), validator().validate(assertion).expiresAt());
    }

    @Test
    void validateWhenUnsignedThenInvalidGrant() {
        assertInvalidGrant(() -> validator().validate(idp.assertion().signed(false).toParameter()), "assertion is not signed");
    }

    @Test
    void validateWhenNameIdChangedAfterSigningThenInvalidGrant() {
        String tampered = idp.assertion().toXml().replace(">" + SUBJECT + "<", ">mallory@example.com<");

        assertInvalidGrant(() -> validator().validate(encode(tampered)), "changed after it was signed");
    }

    @Test
    void validateWhenSignedByUntrustedKeyThenInvalidGrant() {
        SamlAssertions impostor = SamlAssertions.rsa(IDP_ISSUER, CLOCK);

        assertInvalidGrant(() -> validator().validate(impostor.assertion().toParameter()),
                "does not verify with any certificate trusted for issuer " + IDP_ISSUER);
    }

    @Test
    void validateWhenSignedWithKeyOfAnotherTypeThanTrustedThenInvalidGrant() {
        SamlAssertions ecImpostor = SamlAssertions.ec(IDP_ISSUER, CLOCK);

        assertInvalidGrant(() -> validator().validate(ecImpostor.assertion().toParameter()),
                "does not verify with any certificate trusted for issuer " + IDP_ISSUER);
    }

    @Test
    void validateWhenIssuerUnknownThenInvalidGrant() {
        SamlAssertions stranger = SamlAssertions.ec("https://unknown-idp.example", CLOCK);

        assertInvalidGrant(() -> validator().validate(stranger.assertion().toParameter()),
                "assertion issuer https://unknown-idp.example is not a trusted identity provider");
    }

    @Test
    void validateWhenSha1SignatureThenInvalidGrant() {
        String sha1 = SamlXmlSurgery.sign(idp.assertion().signed(false).toXml(), idp.privateKey(), SignatureMethod.RSA_SHA1);

        assertInvalidGrant(() -> validator().validate(encode(sha1)), "signature algorithm http://www.w3.org/2000/09/xmldsig#rsa-sha1 is not accepted");
    }

    @Test
    void validateWhenConditionsExpiredThenInvalidGrant() {
        String assertion = idp.assertion().notOnOrAfter(NOW.plusSeconds(60)).confirmationNotOnOrAfter(NOW.plusSeconds(600))
                .toParameter();

        assertInvalidGrant(() -> validatorAt(NOW.plusSeconds(180)).validate(assertion),
                "assertion expired at 2026-03-01T10:01:00Z (Conditions NotOnOrAfter");
    }

    @Test
    void validateWhenNotYetValidThenInvalidGrant() {
        String assertion = idp.assertion().notBefore(NOW.plusSeconds(120)).toParameter();

        assertInvalidGrant(() -> validator().validate(assertion),
                "assertion is not valid before 2026-03-01T10:02:00Z (Conditions NotBefore");
    }

    @Test
    void validateWhenBearerConfirmationExpiredThenInvalidGrant() {
        String assertion = idp.assertion().notOnOrAfter(NOW.plusSeconds(600)).confirmationNotOnOrAfter(NOW.plusSeconds(60))
                .toParameter();

        assertInvalidGrant(() -> validatorAt(NOW.plusSeconds(180)).validate(assertion),
                "bearer SubjectConfirmationData expired at 2026-03-01T10:01:00Z");
    }

    @Test
    void validateWhenBearerConfirmationNotYetValidThenInvalidGrant() {
        String assertion = idp.assertion().confirmationNotBefore(NOW.plusSeconds(120)).toParameter();

        assertInvalidGrant(() -> validator().validate(assertion),
                "bearer SubjectConfirmationData is not valid before 2026-03-01T10:02:00Z");
    }

    @Test
    void validateWhenBearerConfirmationHasNoExpiryThenInvalidGrant() {
        String assertion = idp.assertion().confirmationNotOnOrAfter(null).toParameter();

        assertInvalidGrant(() -> validator().validate(assertion), "bearer SubjectConfirmationData has no NotOnOrAfter");
    }

    @Test
    void validateWhenAudienceIsAnotherServerThenInvalidGrant() {
        String assertion = idp.minter().newAssertion(IDP_ISSUER, SUBJECT).recipient(TOKEN_ENDPOINT)
                .audience("https://other-as.example").toParameter();

        assertInvalidGrant(() -> validator().validate(assertion),
                "assertion audience [https://other-as.example] does not include this server");
    }

    @Test
    void validateWhenRecipientIsAnotherServerThenInvalidGrant() {
        String assertion = idp.assertion().recipient("https://other-as.example/token").toParameter();

        assertInvalidGrant(() -> validator().validate(assertion),
                "Recipient https://other-as.example/token is not this server");
    }

    @Test
    void validateWhenNoBearerConfirmationThenInvalidGrant() {
        String assertion = idp.assertion().confirmationMethod("urn:oasis:names:tc:SAML:2.0:cm:holder-of-key").toParameter();

        assertInvalidGrant(() -> validator().validate(assertion),
                "assertion has no SubjectConfirmation with Method urn:oasis:names:tc:SAML:2.0:cm:bearer");
    }

    @Test
    void validateWhenUnknownConditionThenInvalidGrant() {
        String unsigned = idp.assertion().signed(false).toXml().replace("<saml2:AudienceRestriction>",
                "<saml2:Condition xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xmlns:geo=\"urn:example:geo\""
                        + " xsi:type=\"geo:CountryCondition\"/><saml2:AudienceRestriction>");
        String signed = SamlXmlSurgery.sign(unsigned, idp.privateKey(), SignatureMethod.RSA_SHA256);

        assertInvalidGrant(() -> validator().validate(encode(signed)),
                "condition this server does not understand: <saml2:Condition xsi:type=\"geo:CountryCondition\">");
    }

    @Test
    void validateWhenTwoAssertionsThenInvalidGrant() {
        String two = idp.assertion().toXml() + stripDeclaration(idp.assertion().subject("mallory@example.com").toXml());

        assertInvalidGrant(() -> validator().validate(encode(two)), "assertion is not acceptable XML");
    }

    @Test
    void validateWhenResponseWrapsAssertionThenInvalidGrant() {
        String response = "<samlp:Response xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\" ID=\"_r1\" Version=\"2.0\""
                + " IssueInstant=\"2026-03-01T10:00:00Z\">" + stripDeclaration(idp.assertion().toXml()) + "</samlp:Response>";

        assertInvalidGrant(() -> validator().validate(encode(response)),
                "assertion must be a single SAML 2.0 <saml2:Assertion> element (RFC 7522 §2.1), found <samlp:Response>");
    }

    @Test
    void validateWhenSignedAssertionMovedIntoAdviceOfUnsignedOneThenInvalidGrant() {
        String signed = idp.assertion().id("_genuine").toXml();
        String forged = idp.assertion().id("_forged").subject("mallory@example.com").signed(false).toXml();

        assertInvalidGrant(() -> validator().validate(encode(SamlXmlSurgery.wrap(forged, signed, false, false))),
                "assertion is not signed");
    }

    @Test
    void validateWhenSignatureCopiedOntoForgedAssertionWithSameIdThenInvalidGrant() {
        String signed = idp.assertion().id("_genuine").toXml();
        String forged = idp.assertion().id("_genuine").subject("mallory@example.com").signed(false).toXml();

        assertInvalidGrant(() -> validator().validate(encode(SamlXmlSurgery.wrap(forged, signed, false, true))),
                "assertion ID _genuine occurs on more than one element");
    }

    @Test
    void validateWhenSignedAssertionHiddenInForeignElementThenInvalidGrant() {
        String signed = idp.assertion().id("_genuine").toXml();
        String forged = idp.assertion().id("_genuine").subject("mallory@example.com").signed(false).toXml();

        assertInvalidGrant(() -> validator().validate(encode(SamlXmlSurgery.wrap(forged, signed, true, true))),
                "assertion ID _genuine occurs on more than one element");
    }

    @Test
    void validateWhenSignatureCopiedOntoForgedAssertionWithOtherIdThenInvalidGrant() {
        String signed = idp.assertion().id("_genuine").toXml();
        String forged = idp.assertion().id("_forged").subject("mallory@example.com").signed(false).toXml();

        assertInvalidGrant(() -> validator().validate(encode(SamlXmlSurgery.wrap(forged, signed, true, true))),
                "does not follow the SAML signature profile");
    }

    @Test
    void validateWhenInternalDoctypeThenInvalidGrant() {
        String xml = "<!DOCTYPE saml2:Assertion [<!ELEMENT saml2:Assertion ANY>]>" + stripDeclaration(idp.assertion().toXml());

        assertInvalidGrant(() -> validator().validate(encode(xml)), "DOCTYPE");
    }

    @Test
    void validateWhenExternalEntityThenInvalidGrantAndNothingRead(@TempDir Path directory) throws IOException {
        Path secret = Files.writeString(directory.resolve("secret.txt"), "s3cr3t-file-content");
        AtomicInteger requests = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort();
            String signed = stripDeclaration(idp.assertion().toXml());
            for (String doctype : new String[] {
                    "<!DOCTYPE a [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>",
                    "<!DOCTYPE a [<!ENTITY xxe SYSTEM \"" + url + "/entity\">]>",
                    "<!DOCTYPE a [<!ENTITY % remote SYSTEM \"" + url + "/parameter\"> %remote;]>",
                    "<!DOCTYPE a SYSTEM \"" + url + "/dtd\">"}) {
                String xml = doctype + signed.replace(">" + SUBJECT + "<", ">&xxe;<");

                OAuth2Exception error = assertInvalidGrant(() -> validator().validate(encode(xml)), "DOCTYPE");
                assertFalse(error.description().contains("s3cr3t"), error.description());
            }
        } finally {
            server.stop(0);
        }
        assertEquals(0, requests.get(), "the parser fetched an external entity or DTD");
    }

    @Test
    void validateWhenNameIdSplitByCommentThenInvalidGrant() {
        // The identity provider signed "admin@example.com.evil.example"; the comment leaves the signature valid.
        String signed = idp.assertion().subject("admin@example.com.evil.example").toXml()
                .replace(">admin@example.com.evil.example<", ">admin@example.com<!---->.evil.example<");

        assertInvalidGrant(() -> validator().validate(encode(signed)), "an XML comment inside <saml2:NameID>");
    }

    @Test
    void validateWhenNameIdSplitByCdataThenReadAsTheWholeSignedValue() {
        // C14N turns CDATA into text, so the signature holds; the subject must be the whole value.
        String signed = idp.assertion().subject("admin@example.com.evil.example").toXml()
                .replace(">admin@example.com.evil.example<", ">admin@example.com<![CDATA[.evil.example]]><");

        assertEquals("admin@example.com.evil.example", validator().validate(encode(signed)).subject());
    }

    @Test
    void validateWhenNameIdContainsElementThenInvalidGrant() {
        String unsigned = idp.assertion().signed(false).toXml().replace(">" + SUBJECT + "<", ">admin<b>@evil.example</b><");
        String signed = SamlXmlSurgery.sign(unsigned, idp.privateKey(), SignatureMethod.RSA_SHA256);

        assertInvalidGrant(() -> validator().validate(encode(signed)), "NameID");
    }

    @Test
    void validateWhenDeeplyNestedThenInvalidGrant() {
        int depth = 6000;
        String xml = "<saml2:Assertion xmlns:saml2=\"urn:oasis:names:tc:SAML:2.0:assertion\">" + "<a>".repeat(depth)
                + "</a>".repeat(depth) + "</saml2:Assertion>";

        // Refused by our own depth check, or earlier by the parser's depth limit on newer JDKs (25 sets one).
        assertInvalidGrant(() -> validator().validate(encode(xml)), "nested");
    }

    @Test
    void validateWhenNotBase64ThenInvalidGrant() {
        assertInvalidGrant(() -> validator().validate("<saml2:Assertion/>"), "assertion is not base64url-encoded");
    }

    @Test
    void validateWhenEmptyThenInvalidGrant() {
        assertInvalidGrant(() -> validator().validate(""), "assertion is empty");
    }

    @Test
    void validateWhenOversizedThenInvalidGrant() {
        String huge = "A".repeat(SamlBearerValidationSettings.DEFAULT_MAX_ENCODED_SIZE + 1);

        assertInvalidGrant(() -> validator().validate(huge), "assertion is 65537 characters long; at most 65536 are accepted");
    }

    @Test
    void validateWhenExpiredWithinClockSkewThenVerifiedAssertion() {
        String assertion = idp.assertion().toParameter(); // NotOnOrAfter NOW + 5 min

        assertEquals(SUBJECT, validatorAt(NOW.plus(Duration.ofMinutes(5)).plusSeconds(59)).validate(assertion).subject());
    }

    @Test
    void validateWhenExpiredByExactlyClockSkewThenInvalidGrant() {
        String assertion = idp.assertion().toParameter();

        assertInvalidGrant(() -> validatorAt(NOW.plus(Duration.ofMinutes(5)).plusSeconds(60)).validate(assertion),
                "expired at 2026-03-01T10:05:00Z");
    }

    @Test
    void validateWhenNotYetValidWithinClockSkewThenVerifiedAssertion() {
        String assertion = idp.assertion().notBefore(NOW.plusSeconds(59)).confirmationNotBefore(NOW.plusSeconds(59))
                .toParameter();

        assertEquals(SUBJECT, validator().validate(assertion).subject());
    }

    @Test
    void validateWhenNotYetValidByMoreThanClockSkewThenInvalidGrant() {
        String assertion = idp.assertion().notBefore(NOW.plusSeconds(61)).toParameter();

        assertInvalidGrant(() -> validator().validate(assertion), "assertion is not valid before 2026-03-01T10:01:01Z");
    }

    @Test
    void validateWhenZeroClockSkewThenExpiryIsExact() {
        var strict = new SamlBearerAssertionValidator(idp.settings().clockSkew(Duration.ZERO).build(),
                Clock.fixed(NOW.plus(Duration.ofMinutes(5)), ZoneOffset.UTC));

        assertInvalidGrant(() -> strict.validate(idp.assertion().toParameter()), "expired at 2026-03-01T10:05:00Z");
    }

    private static SamlBearerAssertionValidator validator() {
        return validatorAt(NOW);
    }

    private static SamlBearerAssertionValidator validatorAt(Instant now) {
        return new SamlBearerAssertionValidator(idp.settings().build(), Clock.fixed(now, ZoneOffset.UTC));
    }

    private static String stripDeclaration(String xml) {
        return xml.replaceFirst("^<\\?xml[^>]*\\?>", "");
    }

    private static OAuth2Exception assertInvalidGrant(Executable call, String descriptionPart) {
        OAuth2Exception error = assertThrows(OAuth2Exception.class, call);
        assertEquals(ErrorCode.INVALID_GRANT, error.code(), error.toString());
        assertTrue(error.description().contains(descriptionPart),
                () -> "expected '" + descriptionPart + "' in: " + error.description());
        return error;
    }
}
