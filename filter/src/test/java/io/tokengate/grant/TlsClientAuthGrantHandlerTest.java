package io.tokengate.grant;

import static io.tokengate.testing.OAuth2Assertions.assertDescriptionContains;
import static io.tokengate.testing.OAuth2Assertions.assertOAuth2Error;
import static io.tokengate.testing.TestClients.AUDIENCE;
import static io.tokengate.testing.TestClients.ORDERS_READ;
import static io.tokengate.testing.TestClients.ORDERS_WRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.tokengate.clientauth.AuthenticatedClient;
import io.tokengate.error.ErrorCode;
import io.tokengate.error.OAuth2Exception;
import io.tokengate.http.TokenRequest;
import io.tokengate.registry.Client;
import io.tokengate.registry.ClientAuthMethod;
import io.tokengate.testing.IssuedCertificate;
import io.tokengate.testing.TestCertificates;
import io.tokengate.testing.TestClients;
import io.tokengate.testing.TestSigningKeys;
import io.tokengate.token.AccessTokenIssuer;
import io.tokengate.token.SigningKeySource;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Duration;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TlsClientAuthGrantHandlerTest {
    private static final String ISSUER = "https://as.example.test";
    private static final Duration LIFETIME = Duration.ofMinutes(10);

    private final TestCertificates pki = TestCertificates.create();
    private final SigningKeySource keys = TestSigningKeys.es256();
    private final TlsClientAuthGrantHandler handler = new TlsClientAuthGrantHandler(
            new ScopeResolver(TestClients.registry()),
            new AccessTokenIssuer(ISSUER, LIFETIME, keys, pki.clock(), new SecureRandom()));
    private final IssuedCertificate certificate = pki.clientIssuedByIntermediate("CN=orders-service, O=Example");
    private final Client client = TestClients.withImportedCertificate("orders-service", certificate.certificate()).build();

    @Test
    void grantTypeWhenAskedThenTlsClientAuthForConfidentialClientsOnly() {
        assertEquals("tls_client_auth", handler.grantType());
        assertFalse(handler.allowsPublicClients());
    }

    @Test
    void handleWhenCertificateAuthenticatedThenSignedAccessTokenBoundToCertificate() throws ParseException {
        TokenResponse response = handler.handle(request(Map.of("scope", ORDERS_READ)), byCertificate());

        SignedJWT jwt = TestSigningKeys.verified(response.accessToken(), keys);
        assertEquals("at+jwt", jwt.getHeader().getType().getType());
        assertEquals(keys.current().keyId(), jwt.getHeader().getKeyID());
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertEquals(ISSUER, claims.getIssuer());
        assertEquals("orders-service", claims.getSubject());
        assertEquals("orders-service", claims.getStringClaim("client_id"));
        assertEquals(List.of(AUDIENCE), claims.getAudience());
        assertEquals(Date.from(pki.now()), claims.getIssueTime());
        assertEquals(Date.from(pki.now().plus(LIFETIME)), claims.getExpirationTime());
        assertNotNull(claims.getJWTID());
        assertEquals(ORDERS_READ, claims.getStringClaim("scope"));
        assertEquals(Map.of("x5t#S256", certificate.thumbprint()), claims.getJSONObjectClaim("cnf"));
    }

    @Test
    void handleWhenCertificateAuthenticatedThenBearerResponseWithoutRefreshToken() {
        TokenResponse response = handler.handle(request(Map.of()), byCertificate());

        assertEquals("Bearer", response.tokenType());
        assertEquals(LIFETIME.toSeconds(), response.expiresIn());
        assertEquals(List.of(ORDERS_READ, ORDERS_WRITE), response.scopes());
        assertEquals(Optional.empty(), response.refreshToken());
    }

    @Test
    void handleWhenOfflineAccessRequestedThenStillNoRefreshToken() throws ParseException {
        TokenResponse response = handler.handle(request(Map.of("scope", ORDERS_READ + " offline_access")), byCertificate());

        assertEquals(Optional.empty(), response.refreshToken());
        assertEquals(List.of(ORDERS_READ), response.scopes());
        assertEquals(ORDERS_READ, SignedJWT.parse(response.accessToken()).getJWTClaimsSet().getStringClaim("scope"));
    }

    @Test
    void handleWhenSelfSignedCertificateAuthenticatedThenTokenBoundToIt() throws ParseException {
        IssuedCertificate selfSigned = pki.selfSigned("CN=device-42");
        AuthenticatedClient authenticated = new AuthenticatedClient(
                TestClients.selfSigned("device-42", selfSigned.certificate()).build(),
                ClientAuthMethod.SELF_SIGNED_TLS_CLIENT_AUTH, Optional.of(selfSigned.presented()));

        TokenResponse response = handler.handle(request(Map.of()), authenticated);

        JWTClaimsSet claims = TestSigningKeys.verified(response.accessToken(), keys).getJWTClaimsSet();
        assertEquals(selfSigned.thumbprint(), claims.getJSONObjectClaim("cnf").get("x5t#S256"));
    }

    @Test
    void handleWhenSecretAuthenticatedThenInvalidClient() {
        AuthenticatedClient bySecret = new AuthenticatedClient(TestClients.secret("batch").grantType("tls_client_auth").build(),
                ClientAuthMethod.CLIENT_SECRET_BASIC, Optional.empty());

        OAuth2Exception e = assertOAuth2Error(ErrorCode.INVALID_CLIENT, () -> handler.handle(request(Map.of()), bySecret));

        assertDescriptionContains(e, "client batch authenticated with client_secret_basic instead");
    }

    @Test
    void handleWhenSecretAuthenticatedWhilePresentingCertificateThenInvalidClient() {
        AuthenticatedClient bySecret = new AuthenticatedClient(TestClients.secret("batch").build(),
                ClientAuthMethod.CLIENT_SECRET_POST, Optional.of(certificate.presented()));

        assertOAuth2Error(ErrorCode.INVALID_CLIENT, () -> handler.handle(request(Map.of()), bySecret));
    }

    @Test
    void handleWhenPublicClientThenInvalidClient() {
        AuthenticatedClient mobile = new AuthenticatedClient(TestClients.mobile("app").build(), ClientAuthMethod.NONE,
                Optional.empty());

        assertOAuth2Error(ErrorCode.INVALID_CLIENT, () -> handler.handle(request(Map.of()), mobile));
    }

    @Test
    void handleWhenScopeNotGrantedThenInvalidScope() {
        assertOAuth2Error(ErrorCode.INVALID_SCOPE,
                () -> handler.handle(request(Map.of("scope", "https://api.example.test/orders.delete")), byCertificate()));
    }

    @Test
    void handleWhenTwoTokensIssuedThenDistinctJti() throws ParseException {
        String first = handler.handle(request(Map.of()), byCertificate()).accessToken();
        String second = handler.handle(request(Map.of()), byCertificate()).accessToken();

        assertFalse(SignedJWT.parse(first).getJWTClaimsSet().getJWTID()
                .equals(SignedJWT.parse(second).getJWTClaimsSet().getJWTID()));
    }

    private AuthenticatedClient byCertificate() {
        return new AuthenticatedClient(client, ClientAuthMethod.TLS_CLIENT_AUTH, Optional.of(certificate.presented()));
    }

    private static TokenRequest request(Map<String, String> parameters) {
        Map<String, String> all = new HashMap<>(parameters);
        all.put("grant_type", "tls_client_auth");
        all.put("client_id", "orders-service");
        return new TokenRequest(all, Optional.empty(), Optional.empty(), "203.0.113.7");
    }
}
