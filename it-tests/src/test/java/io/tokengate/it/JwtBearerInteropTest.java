package io.tokengate.it;

import static io.tokengate.it.support.AccessTokens.assertAccessToken;
import static io.tokengate.it.support.AccessTokens.assertTokenResponse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.JWTBearerGrant;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.assertions.jwt.JWTAssertionDetails;
import com.nimbusds.oauth2.sdk.assertions.jwt.JWTAssertionFactory;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.PrivateKeyJWT;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.id.Audience;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.Subject;
import io.tokengate.demo.DemoIdentities;
import io.tokengate.demo.DemoOptions;
import io.tokengate.demo.DemoPki;
import io.tokengate.demo.DemoSetup;
import io.tokengate.demo.GatewayServer;
import io.tokengate.grant.JwtBearerGrantHandler;
import io.tokengate.it.support.AccessTokens;
import io.tokengate.it.support.HttpAnswer;
import io.tokengate.it.support.Https;
import io.tokengate.it.support.TlsClients;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.UUID;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JWT bearer grant (RFC 7523 §2.1) with assertions made outside the gateway: one built and
 * signed here with Nimbus JOSE (RS256 with the demo JWT issuer's {@code jwt-idp.key}, naming the
 * key by the {@code x5t#S256} thumbprint of {@code jwt-idp.crt}, as the gateway selects keys made
 * from certificates), sent with {@code client_secret_basic}; and a whole request made by a
 * third-party client, the Nimbus OAuth 2.0 SDK, with its {@link JWTBearerGrant} and its
 * {@link PrivateKeyJWT} client authentication (RFC 7523 §2.2) signed with {@code web-app.key}.
 */
class JwtBearerInteropTest {
    @TempDir
    static Path data;

    private static GatewayServer gateway;
    private static URI tokenEndpoint;
    private static HttpClient client;
    private static SSLSocketFactory tls;
    private static String basic;
    private static PrivateKey issuerKey;
    private static X509Certificate issuerCertificate;

    @BeforeAll
    static void startGateway() throws Exception {
        gateway = GatewayServer.start(DemoOptions.of(data, 0));
        tokenEndpoint = URI.create(gateway.issuer() + "/oauth2/v1/token");
        client = TlsClients.httpClient(TlsClients.trusting(data.resolve(TlsClients.CA_CERT)));
        tls = TlsClients.trusting(data.resolve(TlsClients.CA_CERT)).getSocketFactory();
        basic = Https.basic(DemoIdentities.WEB_APP_ID,
                Files.readString(data.resolve(DemoIdentities.WEB_APP_SECRET_FILE), StandardCharsets.UTF_8).trim());
        DemoPki pki = new DemoPki(data);
        issuerKey = pki.readPrivateKey(DemoIdentities.JWT_IDP_KEY);
        issuerCertificate = TlsClients.readCertificate(data.resolve(DemoIdentities.JWT_IDP_CERT));
    }

    @AfterAll
    static void stopGateway() throws Exception {
        gateway.close();
    }

    @Test
    void whenNimbusSignedAssertionIsSentWithClientSecretBasicThenTokenForTheAssertedUser() throws Exception {
        SignedJWT assertion = signedAssertion(DemoIdentities.USER, tokenEndpoint.toString());

        HttpAnswer answer = present(assertion.serialize());

        assertAccessToken(assertTokenResponse(answer, DemoSetup.READ_SCOPE), gateway.issuer(), DemoIdentities.USER,
                DemoIdentities.WEB_APP_ID, DemoSetup.API_AUDIENCE, Optional.empty(), client);
    }

    /** RFC 7523 §3 item 3: the issuer identifier is as good an audience as the token endpoint URL. */
    @Test
    void whenAssertionAudienceIsTheIssuerIdentifierThenTokenForTheAssertedUser() throws Exception {
        SignedJWT assertion = signedAssertion(DemoIdentities.USER, gateway.issuer());

        HttpAnswer answer = present(assertion.serialize());

        assertAccessToken(assertTokenResponse(answer, DemoSetup.READ_SCOPE), gateway.issuer(), DemoIdentities.USER,
                DemoIdentities.WEB_APP_ID, DemoSetup.API_AUDIENCE, Optional.empty(), client);
    }

    @Test
    void whenSdkSendsJwtBearerGrantWithPrivateKeyJwtThenSdkParsesTokenForTheAssertedUser() throws Exception {
        SignedJWT assertion = JWTAssertionFactory.create(new JWTAssertionDetails(new Issuer(DemoIdentities.JWT_IDP_ISSUER),
                new Subject(DemoIdentities.USER), new Audience(tokenEndpoint)), JWSAlgorithm.RS256, issuerKey, null, null,
                thumbprint(issuerCertificate), null);
        DemoPki pki = new DemoPki(data);
        ClientAuthentication privateKeyJwt = new PrivateKeyJWT(new ClientID(DemoIdentities.WEB_APP_ID), tokenEndpoint,
                JWSAlgorithm.ES256, pki.readPrivateKey(DemoIdentities.WEB_APP_KEY), null, null,
                thumbprint(TlsClients.readCertificate(data.resolve(DemoIdentities.WEB_APP_CERT))), null);
        HTTPRequest request = new TokenRequest(tokenEndpoint, privateKeyJwt, new JWTBearerGrant(assertion),
                new Scope(DemoSetup.READ_SCOPE)).toHTTPRequest();
        request.setSSLSocketFactory(tls);
        request.setConnectTimeout(10_000);
        request.setReadTimeout(20_000);

        TokenResponse response = TokenResponse.parse(request.send());

        assertTrue(response.indicatesSuccess(), () -> "error: " + response.toErrorResponse().getErrorObject().toJSONObject());
        AccessTokenResponse success = response.toSuccessResponse();
        assertEquals(Scope.parse(DemoSetup.READ_SCOPE), success.getTokens().getAccessToken().getScope());
        assertNull(success.getTokens().getRefreshToken(), "refresh_token without offline_access");
        assertAccessToken(success.toJSONObject(), gateway.issuer(), DemoIdentities.USER, DemoIdentities.WEB_APP_ID,
                DemoSetup.API_AUDIENCE, Optional.empty(), client);
    }

    private static HttpAnswer present(String assertion) {
        return Https.postForm(client, tokenEndpoint.toString(), Https.form("grant_type", JwtBearerGrantHandler.GRANT_TYPE,
                "assertion", assertion, "scope", DemoSetup.READ_SCOPE), "Authorization", basic);
    }

    /** An RS256 assertion from the demo JWT issuer about {@code subject}, valid five minutes, with a fresh jti. */
    private static SignedJWT signedAssertion(String subject, String audience) throws Exception {
        Instant now = Instant.now();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT)
                .x509CertSHA256Thumbprint(thumbprint(issuerCertificate)).build(),
                new JWTClaimsSet.Builder().issuer(DemoIdentities.JWT_IDP_ISSUER).subject(subject).audience(audience)
                        .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
                        .jwtID(UUID.randomUUID().toString()).build());
        jwt.sign(new RSASSASigner(issuerKey));
        return jwt;
    }

    private static Base64URL thumbprint(X509Certificate certificate) {
        return new Base64URL(AccessTokens.x5tS256(certificate));
    }
}
