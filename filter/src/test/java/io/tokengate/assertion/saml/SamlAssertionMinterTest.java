package io.tokengate.assertion.saml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokengate.testing.SamlAssertions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SamlAssertionMinterTest {
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static SamlAssertions idp;

    @BeforeAll
    static void identityProvider() {
        idp = SamlAssertions.ec(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void newAssertionWhenDefaultsThenSignedBearerAssertionValidForFiveMinutes() {
        String xml = idp.minter().newAssertion("https://idp.example.com/saml2", "carol@example.com")
                .recipient(SamlAssertions.TOKEN_ENDPOINT).audience(SamlAssertions.SERVER_ISSUER).toXml();

        assertTrue(xml.contains("Method=\"urn:oasis:names:tc:SAML:2.0:cm:bearer\""), xml);
        assertTrue(xml.contains("NotOnOrAfter=\"2026-03-01T10:05:00.000Z\""), xml);
        assertTrue(xml.contains("<ds:SignatureMethod Algorithm=\"http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256\"/>"), xml);
        assertTrue(xml.contains("<ds:DigestMethod Algorithm=\"http://www.w3.org/2001/04/xmlenc#sha256\"/>"), xml);
    }

    @Test
    void newAssertionWhenCalledTwiceThenDistinctIds() {
        var validator = new SamlBearerAssertionValidator(idp.settings().build(), Clock.fixed(NOW, ZoneOffset.UTC));

        assertNotEquals(validator.validate(idp.assertion().toParameter()).id(), validator.validate(idp.assertion().toParameter()).id());
    }

    @Test
    void toParameterWhenMintedThenBase64UrlWithoutPadding() {
        String parameter = idp.assertion().toParameter();

        assertTrue(parameter.matches("[A-Za-z0-9_-]+"), parameter);
    }

    @Test
    void toXmlWhenNoRecipientThenIllegalState() {
        var builder = idp.minter().newAssertion("https://idp.example.com/saml2", "carol@example.com")
                .audience(SamlAssertions.SERVER_ISSUER);

        IllegalStateException error = assertThrows(IllegalStateException.class, builder::toXml);
        assertEquals("a SAML bearer assertion needs a recipient and at least one audience (RFC 7522 §3)", error.getMessage());
    }
}
