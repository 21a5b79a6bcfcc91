package io.tokengate.it;

import static io.tokengate.it.support.AccessTokens.assertAccessToken;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.GrantType;
import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.as.AuthorizationServerMetadata;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.PKITLSClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.token.AccessTokenType;
import io.tokengate.demo.DemoOptions;
import io.tokengate.demo.DemoSetup;
import io.tokengate.demo.GatewayServer;
import io.tokengate.it.support.Https;
import io.tokengate.it.support.TlsClients;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLSocketFactory;
import net.minidev.json.JSONObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A second-party client against the gateway: the Nimbus OAuth 2.0 SDK builds the token requests
 * ({@code client_credentials} with RFC 8705 {@code tls_client_auth} over its own
 * {@code HttpsURLConnection}, and with {@code client_secret_basic}), and parses the answers and
 * the RFC 8414 metadata with its own parsers. What it cannot parse, real clients cannot either.
 */
class NimbusOAuth2SdkInteropTest {
    @TempDir
    static Path data;

    private static GatewayServer gateway;
    private static URI tokenEndpoint;
    private static SSLSocketFactory mutualTls;
    private static SSLSocketFactory serverAuthOnly;
    private static HttpClient jwksClient;
    private static X509Certificate clientCertificate;
    private static String secret;

    @BeforeAll
    static void startGateway() throws Exception {
        gateway = GatewayServer.start(DemoOptions.of(data, 0));
        tokenEndpoint = URI.create(gateway.issuer() + "/oauth2/v1/token");
        mutualTls = TlsClients.demoClient(data).getSocketFactory();
        serverAuthOnly = TlsClients.trusting(data.resolve(TlsClients.CA_CERT)).getSocketFactory();
        jwksClient = TlsClients.httpClient(TlsClients.trusting(data.resolve(TlsClients.CA_CERT)));
        clientCertificate = TlsClients.readCertificate(data.resolve(TlsClients.CLIENT_CERT));
        secret = Files.readString(data.resolve(DemoSetup.SECRET_FILE), StandardCharsets.UTF_8).trim();
    }

    @AfterAll
    static void stopGateway() throws Exception {
        gateway.close();
    }

    @Test
    void tokenRequestWhenTlsClientAuthenticationThenSdkParsesCertificateBoundToken() throws Exception {
        ClientAuthentication auth = new PKITLSClientAuthentication(new ClientID(DemoSetup.CERTIFICATE_CLIENT_ID), mutualTls);

        TokenResponse response = send(auth, new Scope(DemoSetup.READ_SCOPE), mutualTls);

        AccessTokenResponse success = assertSuccess(response, DemoSetup.READ_SCOPE);
        assertAccessToken(asJson(success), gateway.issuer(), DemoSetup.CERTIFICATE_CLIENT_ID, DemoSetup.API_AUDIENCE,
                Optional.of(clientCertificate), jwksClient);
    }

    @Test
    void tokenRequestWhenClientSecretBasicThenSdkParsesUnboundToken() throws Exception {
        ClientAuthentication auth = new ClientSecretBasic(new ClientID(DemoSetup.SECRET_CLIENT_ID), new Secret(secret));

        TokenResponse response = send(auth, new Scope(DemoSetup.READ_SCOPE), serverAuthOnly);

        AccessTokenResponse success = assertSuccess(response, DemoSetup.READ_SCOPE);
        assertAccessToken(asJson(success), gateway.issuer(), DemoSetup.SECRET_CLIENT_ID, DemoSetup.API_AUDIENCE,
                Optional.empty(), jwksClient);
    }

    @Test
    void tokenRequestWhenSecretIsWrongThenSdkParsesInvalidClientWith401() throws Exception {
        ClientAuthentication auth = new ClientSecretBasic(new ClientID(DemoSetup.SECRET_CLIENT_ID), new Secret("not-" + secret));

        TokenResponse response = send(auth, new Scope(DemoSetup.READ_SCOPE), serverAuthOnly);

        ErrorObject error = assertError(response);
        assertEquals(OAuth2Error.INVALID_CLIENT_CODE, error.getCode());
        assertEquals(401, error.getHTTPStatusCode());
    }

    @Test
    void tokenRequestWhenScopeIsNotGrantedThenSdkParsesInvalidScopeWith400() throws Exception {
        ClientAuthentication auth = new ClientSecretBasic(new ClientID(DemoSetup.SECRET_CLIENT_ID), new Secret(secret));

        TokenResponse response = send(auth, new Scope(DemoSetup.WRITE_SCOPE), serverAuthOnly);

        ErrorObject error = assertError(response);
        assertEquals(OAuth2Error.INVALID_SCOPE_CODE, error.getCode());
        assertEquals(400, error.getHTTPStatusCode());
        assertTrue(error.getDescription().contains(DemoSetup.WRITE_SCOPE), error::getDescription);
    }

    @Test
    void metadataWhenResolvedBySdkThenAdvertisesMutualTls() throws Exception {
        AuthorizationServerMetadata metadata = AuthorizationServerMetadata.resolve(new Issuer(gateway.issuer()),
                (HTTPRequest request) -> request.setSSLSocketFactory(serverAuthOnly));

        assertEquals(gateway.issuer(), metadata.getIssuer().getValue());
        assertEquals(tokenEndpoint, metadata.getTokenEndpointURI());
        assertEquals(URI.create(gateway.issuer() + "/oauth2/v1/keys"), metadata.getJWKSetURI());
        assertTrue(metadata.getGrantTypes().contains(GrantType.CLIENT_CREDENTIALS));
        assertTrue(metadata.getGrantTypes().contains(new GrantType("tls_client_auth")));
        assertTrue(metadata.getTokenEndpointAuthMethods().contains(ClientAuthenticationMethod.TLS_CLIENT_AUTH));
        assertTrue(metadata.getTokenEndpointAuthMethods().contains(ClientAuthenticationMethod.SELF_SIGNED_TLS_CLIENT_AUTH));
        assertTrue(metadata.supportsTLSClientCertificateBoundAccessTokens());
    }

    @Test
    void idcsConfigurationWhenParsedBySdkThenSameIssuerAndTokenEndpoint() throws Exception {
        Map<String, Object> idcs = Https.get(jwksClient, gateway.issuer() + "/.well-known/idcs-configuration").json();
        @SuppressWarnings("unchecked")
        Map<String, Object> inner = assertInstanceOf(Map.class, idcs.get("openid-configuration"));

        AuthorizationServerMetadata metadata = AuthorizationServerMetadata.parse(new JSONObject(inner));

        assertEquals(gateway.issuer(), metadata.getIssuer().getValue());
        assertEquals(tokenEndpoint, metadata.getTokenEndpointURI());
        assertEquals(tokenEndpoint, metadata.getCustomURIParameter("secure_token_endpoint"));
        assertTrue(metadata.supportsTLSClientCertificateBoundAccessTokens());
    }

    private static TokenResponse send(ClientAuthentication auth, Scope scope, SSLSocketFactory tls) throws Exception {
        HTTPRequest request = new TokenRequest(tokenEndpoint, auth, new ClientCredentialsGrant(), scope).toHTTPRequest();
        request.setSSLSocketFactory(tls);
        request.setConnectTimeout(10_000);
        request.setReadTimeout(20_000);
        return TokenResponse.parse(request.send());
    }

    private static AccessTokenResponse assertSuccess(TokenResponse response, String scope) {
        assertTrue(response.indicatesSuccess(), () -> "error: " + response.toErrorResponse().getErrorObject().toJSONObject());
        AccessTokenResponse success = response.toSuccessResponse();
        assertEquals(AccessTokenType.BEARER, success.getTokens().getAccessToken().getType());
        assertTrue(success.getTokens().getAccessToken().getLifetime() > 0, "expires_in");
        assertEquals(Scope.parse(scope), success.getTokens().getAccessToken().getScope());
        assertNull(success.getTokens().getRefreshToken(), "refresh_token");
        return success;
    }

    private static ErrorObject assertError(TokenResponse response) {
        assertFalse(response.indicatesSuccess(), "expected an error response");
        TokenErrorResponse error = assertInstanceOf(TokenErrorResponse.class, response.toErrorResponse());
        assertTrue(error.getErrorObject().getDescription() != null && !error.getErrorObject().getDescription().isBlank(),
                "error_description");
        return error.getErrorObject();
    }

    private static Map<String, Object> asJson(AccessTokenResponse response) {
        return response.toJSONObject();
    }
}
