package io.tokengate.it;

import static io.tokengate.it.support.OAuthErrors.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.tokengate.assertion.saml.OpenSaml;
import io.tokengate.assertion.saml.SamlAssertionBuilder;
import io.tokengate.assertion.saml.SamlAssertionMinter;
import io.tokengate.clientauth.PrivateKeyJwtAuthenticator;
import io.tokengate.demo.DemoClients;
import io.tokengate.demo.DemoIdentities;
import io.tokengate.demo.DemoOptions;
import io.tokengate.demo.DemoPki;
import io.tokengate.demo.DemoSetup;
import io.tokengate.demo.GatewayServer;
import io.tokengate.grant.JwtBearerGrantHandler;
import io.tokengate.grant.PasswordGrantHandler;
import io.tokengate.grant.RefreshTokenGrantHandler;
import io.tokengate.grant.SamlBearerGrantHandler;
import io.tokengate.it.support.AccessTokens;
import io.tokengate.it.support.HttpAnswer;
import io.tokengate.it.support.Https;
import io.tokengate.it.support.TlsClients;
import io.tokengate.testing.SamlAssertions;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every way an Assertion-flow request can be wrong, each sent over real TLS to the real gateway
 * and checked for its status, RFC 6749 §5.2 error code, a description that names the problem,
 * {@code WWW-Authenticate} on a 401 and no server internals in the body: forged, altered, stale,
 * misaddressed and replayed SAML and JWT assertions, client authentication that is wrong or
 * ambiguous, a wrong password, and refresh tokens presented by the wrong client or reused. The
 * demo gets one more client, {@value #OTHER_CLIENT_ID}, registered through the registration API,
 * which may use refresh tokens, so that a refresh token can be presented by another client that
 * is allowed the grant.
 */
class AssertionGrantRejectionTest {
    private static final String OTHER_CLIENT_ID = "other-web-app";
    private static String otherSecret;

    @TempDir
    static Path data;

    private static GatewayServer gateway;
    private static String tokenEndpoint;
    private static HttpClient client;
    private static String webAppBasic;
    private static String password;
    private static SamlAssertionMinter identityProvider;
    private static PrivateKey jwtIssuerKey;
    private static X509Certificate jwtIssuerCertificate;
    private static PrivateKey webAppKey;
    private static X509Certificate webAppCertificate;

    @BeforeAll
    static void startGateway() throws Exception {
        gateway = GatewayServer.start(DemoOptions.of(data, 0));
        tokenEndpoint = gateway.issuer() + "/oauth2/v1/token";
        client = TlsClients.httpClient(TlsClients.trusting(data.resolve(TlsClients.CA_CERT)));
        otherSecret = registerOtherWebApp();
        webAppBasic = Https.basic(DemoIdentities.WEB_APP_ID, read(DemoIdentities.WEB_APP_SECRET_FILE));
        password = read(DemoIdentities.USER_PASSWORD_FILE);
        DemoPki pki = new DemoPki(data);
        identityProvider = new SamlAssertionMinter(new OpenSaml(), pki.readPrivateKey(DemoIdentities.SAML_IDP_KEY),
                pki.readCertificate(DemoIdentities.SAML_IDP_CERT), Clock.systemUTC());
        jwtIssuerKey = pki.readPrivateKey(DemoIdentities.JWT_IDP_KEY);
        jwtIssuerCertificate = pki.readCertificate(DemoIdentities.JWT_IDP_CERT);
        webAppKey = pki.readPrivateKey(DemoIdentities.WEB_APP_KEY);
        webAppCertificate = pki.readCertificate(DemoIdentities.WEB_APP_CERT);
    }

    @AfterAll
    static void stopGateway() throws Exception {
        gateway.close();
    }

    // --- SAML 2.0 bearer assertions (RFC 7522): 400 invalid_grant ---

    @Test
    void whenSamlAssertionIsUnsignedThenInvalidGrant() {
        String xml = samlAssertion().signed(false).toXml();

        assertContains(assertError(presentSaml(xml), 400, "invalid_grant"), "not signed");
    }

    @Test
    void whenSamlNameIdIsChangedAfterSigningThenInvalidGrant() {
        String xml = replaceOnce(samlAssertion().toXml(), ">" + DemoIdentities.USER + "<", ">admin<");

        assertContains(assertError(presentSaml(xml), 400, "invalid_grant"), "changed after it was signed");
    }

    @Test
    void whenSamlAssertionIsSignedByUntrustedKeyThenInvalidGrant() {
        SamlAssertions impostor = SamlAssertions.rsa(DemoIdentities.SAML_IDP_ISSUER, Clock.systemUTC());
        String xml = impostor.minter().newAssertion(DemoIdentities.SAML_IDP_ISSUER, DemoIdentities.USER)
                .recipient(gateway.issuer()).audience(gateway.issuer()).toXml();

        assertContains(assertError(presentSaml(xml), 400, "invalid_grant"), "does not verify with any certificate trusted");
    }

    @Test
    void whenSamlAssertionHasExpiredThenInvalidGrant() throws Exception {
        DemoPki pki = new DemoPki(data);
        Clock halfAnHourAgo = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-30));
        String xml = new SamlAssertionMinter(new OpenSaml(), pki.readPrivateKey(DemoIdentities.SAML_IDP_KEY),
                pki.readCertificate(DemoIdentities.SAML_IDP_CERT), halfAnHourAgo)
                .newAssertion(DemoIdentities.SAML_IDP_ISSUER, DemoIdentities.USER)
                .recipient(gateway.issuer()).audience(gateway.issuer()).toXml();

        assertContains(assertError(presentSaml(xml), 400, "invalid_grant"), "expired");
    }

    @Test
    void whenSamlAudienceIsAnotherServerThenInvalidGrant() {
        String xml = identityProvider.newAssertion(DemoIdentities.SAML_IDP_ISSUER, DemoIdentities.USER)
                .recipient(gateway.issuer()).audience("https://other-server.example").toXml();

        assertContains(assertError(presentSaml(xml), 400, "invalid_grant"), "audience [https://other-server.example]");
    }

    @Test
    void whenSamlRecipientIsAnotherServerThenInvalidGrant() {
        String xml = identityProvider.newAssertion(DemoIdentities.SAML_IDP_ISSUER, DemoIdentities.USER)
                .recipient("https://other-server.example/token").audience(gateway.issuer()).toXml();

        assertContains(assertError(presentSaml(xml), 400, "invalid_grant"), "Recipient https://other-server.example/token");
    }

    @Test
    void whenSamlAssertionIsReplayedThenInvalidGrant() {
        String xml = samlAssertion().toXml();
        assertEquals(200, presentSaml(xml).status(), "first use");

        assertContains(assertError(presentSaml(xml), 400, "invalid_grant"), "already used");
    }

    @Test
    void whenSamlAssertionHasDoctypeThenInvalidGrant() {
        String xml = "<!DOCTYPE saml2:Assertion [<!ELEMENT saml2:Assertion ANY>]>"
                + samlAssertion().toXml().replaceFirst("^<\\?xml[^>]*\\?>", "");

        assertContains(assertError(presentSaml(xml), 400, "invalid_grant"), "DOCTYPE");
    }

    /**
     * Exclusive C14N drops comments, so the identity provider's signature over
     * {@code admin@evil.example} still verifies; a reader taking the first text node would see
     * {@code admin} (CVE-2017-11427 and relatives).
     */
    @Test
    void whenSamlNameIdIsSplitByCommentThenInvalidGrant() {
        String signed = identityProvider.newAssertion(DemoIdentities.SAML_IDP_ISSUER, "admin@evil.example")
                .recipient(gateway.issuer()).audience(gateway.issuer()).toXml();
        String xml = replaceOnce(signed, ">admin@evil.example<", ">admin<!-- -->@evil.example<");

        assertContains(assertError(presentSaml(xml), 400, "invalid_grant"), "comment");
    }

    // --- JWT bearer assertions (RFC 7523 §2.1, §3): 400 invalid_grant ---

    @Test
    void whenJwtAssertionIsUnsecuredThenInvalidGrant() {
        String unsecured = new PlainJWT(jwtClaims(UnaryOperator.identity())).serialize();

        assertContains(assertError(presentJwt(unsecured), 400, "invalid_grant"), "not a signed JWT");
    }

    /** The classic key-confusion forgery: the issuer's public RSA key used as an HMAC secret. */
    @Test
    void whenJwtAssertionIsHs256WithTheIssuerPublicKeyAsSecretThenInvalidGrant() throws Exception {
        String forged = sign(new MACSigner(jwtIssuerCertificate.getPublicKey().getEncoded()), JWSAlgorithm.HS256,
                jwtIssuerCertificate, jwtClaims(UnaryOperator.identity()));

        assertContains(assertError(presentJwt(forged), 400, "invalid_grant"), "signed with HS256, which is not allowed");
    }

    @Test
    void whenJwtAssertionHasNoExpThenInvalidGrant() {
        String jwt = jwtAssertion(claims -> claims.expirationTime(null));

        assertContains(assertError(presentJwt(jwt), 400, "invalid_grant"), "has no exp claim");
    }

    @Test
    void whenJwtAssertionExpiresInTwoDaysThenInvalidGrant() {
        String jwt = jwtAssertion(claims -> claims.expirationTime(Date.from(Instant.now().plus(Duration.ofDays(2)))));

        assertContains(assertError(presentJwt(jwt), 400, "invalid_grant"), "expires too far ahead");
    }

    @Test
    void whenJwtAssertionJtiIsReusedThenInvalidGrant() {
        String jti = UUID.randomUUID().toString();
        assertEquals(200, presentJwt(jwtAssertion(claims -> claims.jwtID(jti))).status(), "first use of the jti");

        String description = assertError(presentJwt(jwtAssertion(claims -> claims.jwtID(jti))), 400, "invalid_grant");

        assertContains(description, "jti " + jti);
        assertContains(description, "already used");
    }

    @Test
    void whenJwtAssertionAudienceIsAnotherServerThenInvalidGrant() {
        String jwt = jwtAssertion(claims -> claims.audience("https://other-server.example/oauth2/v1/token"));

        assertContains(assertError(presentJwt(jwt), 400, "invalid_grant"), "does not name this server");
    }

    // --- client authentication ---

    @Test
    void whenClientSecretIsWrongThenInvalidClient() {
        HttpAnswer answer = post(jwtBearer(jwtAssertion(UnaryOperator.identity())),
                "Authorization", Https.basic(DemoIdentities.WEB_APP_ID, "not-the-secret"));

        assertError(answer, 401, "invalid_client");
    }

    /** The assertion is genuinely signed with web-app.key, but names demo-batch-client while client_id names demo-web-app. */
    @Test
    void whenClientAssertionNamesAnotherClientThanClientIdThenInvalidRequest() {
        String body = passwordGrant(password) + "&" + Https.form("client_id", DemoIdentities.WEB_APP_ID,
                "client_assertion_type", PrivateKeyJwtAuthenticator.JWT_BEARER_TYPE,
                "client_assertion", clientAssertion(DemoSetup.CERTIFICATE_CLIENT_ID));

        String description = assertError(post(body), 400, "invalid_request");

        assertContains(description, "client_id '" + DemoIdentities.WEB_APP_ID + "' differs from the client the client"
                + " assertion names (iss '" + DemoSetup.CERTIFICATE_CLIENT_ID + "')");
    }

    /** Without client_id the assertion's iss names the client: demo-batch-client, registered for tls_client_auth only. */
    @Test
    void whenClientAssertionNamesAnotherClientWithoutClientIdThenInvalidClient() {
        String body = passwordGrant(password) + "&" + Https.form(
                "client_assertion_type", PrivateKeyJwtAuthenticator.JWT_BEARER_TYPE,
                "client_assertion", clientAssertion(DemoSetup.CERTIFICATE_CLIENT_ID));

        String description = assertError(post(body), 401, "invalid_client");

        assertContains(description, "client " + DemoSetup.CERTIFICATE_CLIENT_ID + " is not registered for private_key_jwt");
    }

    @Test
    void whenBasicAndClientAssertionAreBothSentThenInvalidRequest() {
        String body = passwordGrant(password) + "&" + Https.form(
                "client_assertion_type", PrivateKeyJwtAuthenticator.JWT_BEARER_TYPE,
                "client_assertion", clientAssertion(DemoIdentities.WEB_APP_ID));

        String description = assertError(post(body, "Authorization", webAppBasic), 400, "invalid_request");

        assertContains(description, "more than one client authentication method");
    }

    // --- password and refresh_token grants ---

    @Test
    void whenPasswordIsWrongThenInvalidGrant() {
        String description = assertError(post(passwordGrant("not-" + password), "Authorization", webAppBasic),
                400, "invalid_grant");

        assertEquals(PasswordGrantHandler.WRONG_CREDENTIALS, description);
    }

    @Test
    void whenRefreshTokenIsPresentedByClientWithoutRefreshGrantThenUnauthorizedClient() throws Exception {
        String refreshToken = signInOffline();
        String secret = read(DemoSetup.SECRET_FILE);

        String description = assertError(post(refreshGrant(refreshToken), "Authorization",
                Https.basic(DemoSetup.SECRET_CLIENT_ID, secret)), 400, "unauthorized_client");

        assertContains(description, "not enabled for client " + DemoSetup.SECRET_CLIENT_ID);
    }

    /**
     * The fair case: {@value #OTHER_CLIENT_ID} may use refresh tokens, but not demo-web-app's. And
     * it cannot cancel them either: the owner still redeems the token afterwards.
     */
    @Test
    void whenRefreshTokenOfAnotherClientIsPresentedThenInvalidGrantAndOwnerKeepsIt() {
        String refreshToken = signInOffline();

        String description = assertError(post(refreshGrant(refreshToken), "Authorization",
                Https.basic(OTHER_CLIENT_ID, otherSecret)), 400, "invalid_grant");

        assertEquals("the refresh token was issued to another client", description);
        AccessTokens.assertTokenResponseWithRefreshToken(post(refreshGrant(refreshToken), "Authorization", webAppBasic),
                DemoSetup.READ_SCOPE + " offline_access");
    }

    @Test
    void whenRotatedRefreshTokenIsReusedThenInvalidGrant() {
        String refreshToken = signInOffline();
        assertEquals(200, post(refreshGrant(refreshToken), "Authorization", webAppBasic).status(), "rotation");

        String description = assertError(post(refreshGrant(refreshToken), "Authorization", webAppBasic),
                400, "invalid_grant");

        assertEquals(RefreshTokenGrantHandler.REUSED, description);
    }

    // --- helpers ---

    /** Registers {@value #OTHER_CLIENT_ID} (password and refresh_token, client_secret_basic); returns its issued secret. */
    private static String registerOtherWebApp() throws Exception {
        HttpAnswer answer = Https.post(client, gateway.issuer() + "/oauth2/v1/register", "application/json",
                JSONObjectUtils.toJSONString(Map.of("client_id", OTHER_CLIENT_ID, "application_type", "confidential",
                        "client_type", "confidential", "grant_types", List.of("password", "refresh_token"),
                        "token_endpoint_auth_method", "client_secret_basic", "roles", List.of("OrdersReader"))),
                "Authorization", "Bearer " + read(DemoClients.ADMIN_TOKEN_FILE));
        assertEquals(201, answer.status(), answer::toString);
        return (String) answer.json().get("client_secret");
    }

    private static String read(String file) throws Exception {
        return Files.readString(data.resolve(file), StandardCharsets.UTF_8).trim();
    }

    private static HttpAnswer post(String body, String... headers) {
        return Https.postForm(client, tokenEndpoint, body, headers);
    }

    /** A valid assertion from the demo SAML IdP about alice, for this gateway. */
    private static SamlAssertionBuilder samlAssertion() {
        return identityProvider.newAssertion(DemoIdentities.SAML_IDP_ISSUER, DemoIdentities.USER)
                .recipient(gateway.issuer()).audience(gateway.issuer());
    }

    private static HttpAnswer presentSaml(String xml) {
        return post(Https.form("grant_type", SamlBearerGrantHandler.GRANT_TYPE, "assertion", SamlAssertionMinter.encode(xml),
                "scope", DemoSetup.READ_SCOPE), "Authorization", webAppBasic);
    }

    private static HttpAnswer presentJwt(String assertion) {
        return post(jwtBearer(assertion), "Authorization", webAppBasic);
    }

    private static String jwtBearer(String assertion) {
        return Https.form("grant_type", JwtBearerGrantHandler.GRANT_TYPE, "assertion", assertion,
                "scope", DemoSetup.READ_SCOPE);
    }

    /** Valid claims from the demo JWT issuer about alice, changed by {@code change}. */
    private static JWTClaimsSet jwtClaims(UnaryOperator<JWTClaimsSet.Builder> change) {
        Instant now = Instant.now();
        return change.apply(new JWTClaimsSet.Builder().issuer(DemoIdentities.JWT_IDP_ISSUER).subject(DemoIdentities.USER)
                .audience(tokenEndpoint).issueTime(Date.from(now)).expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
                .jwtID(UUID.randomUUID().toString())).build();
    }

    /** RS256 with jwt-idp.key over {@link #jwtClaims}. */
    private static String jwtAssertion(UnaryOperator<JWTClaimsSet.Builder> change) {
        try {
            return sign(new RSASSASigner(jwtIssuerKey), JWSAlgorithm.RS256, jwtIssuerCertificate, jwtClaims(change));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A private_key_jwt client assertion with iss = sub = {@code clientId}, signed with web-app.key. */
    private static String clientAssertion(String clientId) {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(clientId).subject(clientId).audience(tokenEndpoint)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
                .jwtID(UUID.randomUUID().toString()).build();
        try {
            return sign(new ECDSASigner((java.security.interfaces.ECPrivateKey) webAppKey), JWSAlgorithm.ES256,
                    webAppCertificate, claims);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sign(JWSSigner signer, JWSAlgorithm algorithm, X509Certificate namedCertificate,
            JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).type(JOSEObjectType.JWT)
                .x509CertSHA256Thumbprint(new Base64URL(AccessTokens.x5tS256(namedCertificate))).build(), claims);
        jwt.sign(signer);
        return jwt.serialize();
    }

    private static String passwordGrant(String userPassword) {
        return Https.form("grant_type", PasswordGrantHandler.GRANT_TYPE, "username", DemoIdentities.USER,
                "password", userPassword, "scope", DemoSetup.READ_SCOPE);
    }

    private static String refreshGrant(String refreshToken) {
        return Https.form("grant_type", RefreshTokenGrantHandler.GRANT_TYPE, "refresh_token", refreshToken);
    }

    /** alice signs in to demo-web-app with offline_access; returns the refresh token. */
    private static String signInOffline() {
        HttpAnswer answer = post(Https.form("grant_type", PasswordGrantHandler.GRANT_TYPE, "username", DemoIdentities.USER,
                "password", password, "scope", DemoSetup.READ_SCOPE + " offline_access"), "Authorization", webAppBasic);
        return (String) AccessTokens.assertTokenResponseWithRefreshToken(answer, DemoSetup.READ_SCOPE + " offline_access")
                .get("refresh_token");
    }

    private static String replaceOnce(String xml, String target, String replacement) {
        assertEquals(1, xml.split(java.util.regex.Pattern.quote(target), -1).length - 1, () -> "one " + target + " in " + xml);
        return xml.replace(target, replacement);
    }

    private static void assertContains(String description, String expected) {
        assertTrue(description.contains(expected), () -> "error_description '" + description + "' lacks '" + expected + "'");
    }
}
