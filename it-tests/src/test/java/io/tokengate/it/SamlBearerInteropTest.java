package io.tokengate.it;

import static io.tokengate.it.support.AccessTokens.assertAccessToken;
import static io.tokengate.it.support.AccessTokens.assertTokenResponse;
import static io.tokengate.it.support.OAuthErrors.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokengate.assertion.saml.SamlAssertionMinter;
import io.tokengate.demo.DemoIdentities;
import io.tokengate.demo.DemoOptions;
import io.tokengate.demo.DemoPki;
import io.tokengate.demo.DemoSetup;
import io.tokengate.demo.GatewayServer;
import io.tokengate.demo.MintAssertion;
import io.tokengate.grant.SamlBearerGrantHandler;
import io.tokengate.it.support.CertificateBuilder;
import io.tokengate.it.support.HttpAnswer;
import io.tokengate.it.support.Https;
import io.tokengate.it.support.TlsClients;
import io.tokengate.it.support.XmlSec1;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SAML 2.0 bearer assertions (RFC 7522) signed by an independent XML Signature implementation,
 * the XML Security Library's {@code xmlsec1}, from a plain assertion template with an enveloped
 * signature template (exclusive C14N, RSA-SHA256, SHA-256, {@code Reference URI="#ID"}) and the
 * demo identity provider's {@code saml-idp.key}; sent over TLS with the {@code saml2-bearer}
 * grant and HTTP Basic for {@code demo-web-app}. And the other way round: what the gateway's own
 * minter signs, {@code xmlsec1} verifies. Skipped only where {@code xmlsec1} is not installed;
 * {@code .ci/run} installs it.
 */
class SamlBearerInteropTest {
    private static final SecureRandom RANDOM = new SecureRandom();

    @TempDir
    static Path data;

    private static GatewayServer gateway;
    private static String tokenEndpoint;
    private static HttpClient client;
    private static String basic;

    @BeforeAll
    static void startGateway() throws Exception {
        Assumptions.assumeTrue(XmlSec1.isInstalled(), "xmlsec1 is not installed (apt-get install xmlsec1)");
        gateway = GatewayServer.start(DemoOptions.of(data, 0));
        tokenEndpoint = gateway.issuer() + "/oauth2/v1/token";
        client = TlsClients.httpClient(TlsClients.trusting(data.resolve(TlsClients.CA_CERT)));
        basic = Https.basic(DemoIdentities.WEB_APP_ID,
                Files.readString(data.resolve(DemoIdentities.WEB_APP_SECRET_FILE), StandardCharsets.UTF_8).trim());
    }

    @AfterAll
    static void stopGateway() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void whenXmlsec1SignedAssertionIsPresentedThenTokenForTheNamedUser() {
        String signed = signedByIdentityProvider(DemoIdentities.USER);

        HttpAnswer answer = present(signed);

        assertAccessToken(assertTokenResponse(answer, DemoSetup.READ_SCOPE), gateway.issuer(), DemoIdentities.USER,
                DemoIdentities.WEB_APP_ID, DemoSetup.API_AUDIENCE, Optional.empty(), client);
    }

    /**
     * RFC 7522 §3 item 5: the Recipient names "the token endpoint URL of the authorization server
     * (or an acceptable alias)". Disabled until the server accepts its token endpoint URL as
     * Recipient: {@code ServerWiring.samlSettings} passes only the issuer, the domain root and the
     * SP SSO endpoint to {@code acceptRecipients} (the filter's unit tests use fixture settings that
     * do include the token endpoint, so they do not see it).
     */
    @Test
    void whenRecipientIsTheTokenEndpointThenTokenForTheNamedUser() {
        String signed = XmlSec1.sign(data, unsignedAssertion(DemoIdentities.USER, tokenEndpoint),
                data.resolve(DemoIdentities.SAML_IDP_KEY), data.resolve(DemoIdentities.SAML_IDP_CERT));

        HttpAnswer answer = present(signed);

        assertAccessToken(assertTokenResponse(answer, DemoSetup.READ_SCOPE), gateway.issuer(), DemoIdentities.USER,
                DemoIdentities.WEB_APP_ID, DemoSetup.API_AUDIENCE, Optional.empty(), client);
    }

    @Test
    void whenXmlsec1SignedAssertionIsPresentedAgainThenInvalidGrant() {
        String signed = signedByIdentityProvider(DemoIdentities.USER);
        assertEquals(200, present(signed).status(), "first use");

        String description = assertError(present(signed), 400, "invalid_grant");

        assertContains(description, "already used");
    }

    @Test
    void whenNameIdIsChangedAfterXmlsec1SignedThenInvalidGrant() {
        String signed = signedByIdentityProvider(DemoIdentities.USER);
        String tampered = signed.replace(">" + DemoIdentities.USER + "</saml2:NameID>", ">admin</saml2:NameID>");
        assertTrue(tampered.contains(">admin</saml2:NameID>"), "the NameID was edited");

        String description = assertError(present(tampered), 400, "invalid_grant");

        assertContains(description, "changed after it was signed");
    }

    @Test
    void whenXmlsec1SignsWithKeyTheIssuerIsNotTrustedForThenInvalidGrant() throws Exception {
        Path otherCertificate = CertificateBuilder.subject("CN=Not the Tokengate Demo SAML IdP").rsa().build()
                .writePem(data, "other-idp");
        String signed = XmlSec1.sign(data, unsignedAssertion(DemoIdentities.USER, gateway.issuer()),
                data.resolve("other-idp.key"), otherCertificate);

        String description = assertError(present(signed), 400, "invalid_grant");

        assertContains(description, "does not verify with any certificate trusted for issuer " + DemoIdentities.SAML_IDP_ISSUER);
    }

    /** The other direction: the assertions the gateway mints (for its demo and outbound agent) verify in xmlsec1. */
    @Test
    void whenGatewayMintedAssertionIsCheckedByXmlsec1ThenSignatureVerifies() throws Exception {
        String parameter = MintAssertion.mint("saml", gateway.issuer(), DemoIdentities.USER, new DemoPki(data));
        String xml = new String(Base64.getUrlDecoder().decode(parameter), StandardCharsets.UTF_8);

        XmlSec1.verify(data, xml, data.resolve(DemoIdentities.SAML_IDP_CERT));
    }

    private static HttpAnswer present(String assertionXml) {
        return Https.postForm(client, tokenEndpoint, Https.form("grant_type", SamlBearerGrantHandler.GRANT_TYPE,
                "assertion", SamlAssertionMinter.encode(assertionXml), "scope", DemoSetup.READ_SCOPE),
                "Authorization", basic);
    }

    private static String signedByIdentityProvider(String nameId) {
        return XmlSec1.sign(data, unsignedAssertion(nameId, gateway.issuer()),
                data.resolve(DemoIdentities.SAML_IDP_KEY), data.resolve(DemoIdentities.SAML_IDP_CERT));
    }

    /**
     * A bearer assertion from the demo SAML IdP about {@code nameId}, for {@code recipient} (the
     * gateway's issuer URL, which is also the audience), valid five minutes, with an empty
     * enveloped signature over its {@code ID} for {@code xmlsec1} to fill in.
     */
    private static String unsignedAssertion(String nameId, String recipient) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String id = "_" + HexFormat.of().formatHex(randomBytes());
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <saml2:Assertion xmlns:saml2="urn:oasis:names:tc:SAML:2.0:assertion" ID="%1$s" IssueInstant="%2$s" Version="2.0">
                  <saml2:Issuer>%3$s</saml2:Issuer>
                  <ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#">
                    <ds:SignedInfo>
                      <ds:CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/>
                      <ds:SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/>
                      <ds:Reference URI="#%1$s">
                        <ds:Transforms>
                          <ds:Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"/>
                          <ds:Transform Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/>
                        </ds:Transforms>
                        <ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/>
                        <ds:DigestValue/>
                      </ds:Reference>
                    </ds:SignedInfo>
                    <ds:SignatureValue/>
                    <ds:KeyInfo><ds:X509Data/></ds:KeyInfo>
                  </ds:Signature>
                  <saml2:Subject>
                    <saml2:NameID Format="urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified">%4$s</saml2:NameID>
                    <saml2:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer">
                      <saml2:SubjectConfirmationData NotOnOrAfter="%5$s" Recipient="%6$s"/>
                    </saml2:SubjectConfirmation>
                  </saml2:Subject>
                  <saml2:Conditions NotBefore="%2$s" NotOnOrAfter="%5$s">
                    <saml2:AudienceRestriction>
                      <saml2:Audience>%7$s</saml2:Audience>
                    </saml2:AudienceRestriction>
                  </saml2:Conditions>
                  <saml2:AuthnStatement AuthnInstant="%2$s">
                    <saml2:AuthnContext>
                      <saml2:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml2:AuthnContextClassRef>
                    </saml2:AuthnContext>
                  </saml2:AuthnStatement>
                </saml2:Assertion>
                """.formatted(id, now, DemoIdentities.SAML_IDP_ISSUER, nameId, now.plus(Duration.ofMinutes(5)), recipient,
                gateway.issuer());
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static void assertContains(String description, String expected) {
        assertTrue(description.contains(expected), () -> "error_description '" + description + "' lacks '" + expected + "'");
    }
}
