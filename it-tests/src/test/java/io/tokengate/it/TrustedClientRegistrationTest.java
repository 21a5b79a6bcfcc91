package io.tokengate.it;

import static io.tokengate.it.support.AccessTokens.assertAccessToken;
import static io.tokengate.it.support.AccessTokens.assertTokenResponse;
import static io.tokengate.it.support.OAuthErrors.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokengate.assertion.saml.OpenSaml;
import io.tokengate.assertion.saml.SamlAssertionMinter;
import io.tokengate.demo.DemoClients;
import io.tokengate.demo.DemoIdentities;
import io.tokengate.demo.DemoOptions;
import io.tokengate.demo.DemoSetup;
import io.tokengate.demo.GatewayServer;
import io.tokengate.http.JsonText;
import io.tokengate.it.support.CertificateBuilder;
import io.tokengate.it.support.Credential;
import io.tokengate.it.support.HttpAnswer;
import io.tokengate.it.support.Https;
import io.tokengate.it.support.TlsClients;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What "client type trusted" means, for a client registered through the API while the gateway
 * runs: it may sign SAML assertions about its users with the key of its imported certificate
 * (the SAML bearer grant), from the moment it is registered; no other client may present them;
 * and once deleted its signature is trusted no more, also for a client seeded at start-up.
 */
class TrustedClientRegistrationTest {
    private static final String SAML2_BEARER = "urn:ietf:params:oauth:grant-type:saml2-bearer";

    @TempDir
    static Path data;

    private static GatewayServer gateway;
    private static HttpClient noCertificate;
    private static String registration;
    private static String admin;

    @BeforeAll
    static void startGateway() throws Exception {
        gateway = GatewayServer.start(DemoOptions.of(data, 0));
        noCertificate = TlsClients.httpClient(TlsClients.trusting(data.resolve(TlsClients.CA_CERT)));
        registration = gateway.issuer() + DemoClients.REGISTRATION_PATH;
        admin = "Bearer " + Files.readString(data.resolve(DemoClients.ADMIN_TOKEN_FILE), StandardCharsets.UTF_8).trim();
    }

    @AfterAll
    static void stopGateway() throws Exception {
        gateway.close();
    }

    @Test
    void samlBearerWhenTrustedClientRegisteredAtRuntimeSignsItsOwnAssertionThenUserToken() {
        Credential portal = registerTrusted("partner-portal");

        HttpAnswer answer = presentOverMutualTls(portal, "partner-portal", assertionSignedBy(portal, "partner-portal"));

        assertAccessToken(assertTokenResponse(answer, DemoSetup.READ_SCOPE), gateway.issuer(), DemoIdentities.USER,
                "partner-portal", DemoSetup.API_AUDIENCE, Optional.of(portal.certificate()), noCertificate);
    }

    @Test
    void samlBearerWhenAnotherClientPresentsTheTrustedClientsAssertionThenInvalidGrant() throws Exception {
        Credential kiosk = registerTrusted("kiosk");

        String description = assertError(presentAsWebApp(assertionSignedBy(kiosk, "kiosk")), 400, "invalid_grant");

        assertTrue(description.contains("a Trusted client may only present assertions it signed itself"), description);
    }

    @Test
    void samlBearerWhenTrustedClientWasDeletedThenItsSignatureIsNoLongerTrusted() throws Exception {
        Credential retired = registerTrusted("retired-portal");
        assertEquals(204, Https.request(noCertificate, "DELETE", registration + "/retired-portal", "Authorization", admin)
                .status());

        String description = assertError(presentAsWebApp(assertionSignedBy(retired, "retired-portal")), 400,
                "invalid_grant");

        assertTrue(description.contains("assertion issuer retired-portal is not a trusted identity provider"), description);
    }

    @Test
    void samlBearerWhenSeededTrustedClientIsDeletedThenItsSignatureIsNoLongerTrusted() throws Exception {
        Credential batch = new Credential(TlsClients.readCertificate(data.resolve(TlsClients.CLIENT_CERT)),
                TlsClients.readPrivateKey(data.resolve(TlsClients.CLIENT_KEY)));
        String before = assertError(presentAsWebApp(assertionSignedBy(batch, DemoSetup.CERTIFICATE_CLIENT_ID)), 400,
                "invalid_grant");
        assertTrue(before.contains("a Trusted client may only present assertions it signed itself"), before);

        assertEquals(204, Https.request(noCertificate, "DELETE", registration + "/" + DemoSetup.CERTIFICATE_CLIENT_ID,
                "Authorization", admin).status());

        String after = assertError(presentAsWebApp(assertionSignedBy(batch, DemoSetup.CERTIFICATE_CLIENT_ID)), 400,
                "invalid_grant");
        assertTrue(after.contains("assertion issuer " + DemoSetup.CERTIFICATE_CLIENT_ID
                + " is not a trusted identity provider"), after);
    }

    private static Credential registerTrusted(String clientId) {
        Credential credential = CertificateBuilder.subject("CN=" + clientId + ", O=Tokengate IT").build();
        HttpAnswer created = Https.post(noCertificate, registration, "application/json", """
                {"client_id": "%s", "client_type": "trusted", "grant_types": ["%s"],
                 "token_endpoint_auth_method": "tls_client_auth", "certificate": %s, "roles": ["OrdersReader"]}"""
                .formatted(clientId, SAML2_BEARER, JsonText.quote(credential.certificatePem())), "Authorization", admin);
        assertEquals(201, created.status(), created::toString);
        return credential;
    }

    private static String assertionSignedBy(Credential signer, String issuer) {
        String xml = new SamlAssertionMinter(new OpenSaml(), signer.privateKey(), signer.certificate(), Clock.systemUTC())
                .newAssertion(issuer, DemoIdentities.USER).recipient(gateway.issuer()).audience(gateway.issuer()).toXml();
        return SamlAssertionMinter.encode(xml);
    }

    private static HttpAnswer presentOverMutualTls(Credential client, String clientId, String assertion) {
        return Https.postForm(TlsClients.httpClient(TlsClients.presenting(data.resolve(TlsClients.CA_CERT), client)),
                gateway.issuer() + "/oauth2/v1/token", Https.form("grant_type", SAML2_BEARER, "client_id", clientId,
                        "assertion", assertion, "scope", DemoSetup.READ_SCOPE));
    }

    private static HttpAnswer presentAsWebApp(String assertion) throws Exception {
        String secret = Files.readString(data.resolve(DemoIdentities.WEB_APP_SECRET_FILE), StandardCharsets.UTF_8).trim();
        return Https.postForm(noCertificate, gateway.issuer() + "/oauth2/v1/token", Https.form("grant_type", SAML2_BEARER,
                "assertion", assertion, "scope", DemoSetup.READ_SCOPE), "Authorization",
                Https.basic(DemoIdentities.WEB_APP_ID, secret));
    }
}
