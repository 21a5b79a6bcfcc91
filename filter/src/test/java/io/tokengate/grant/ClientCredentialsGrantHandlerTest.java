package io.tokengate.grant;

import static io.tokengate.testing.OAuth2Assertions.assertOAuth2Error;
import static io.tokengate.testing.TestClients.AUDIENCE;
import static io.tokengate.testing.TestClients.ORDERS_READ;
import static io.tokengate.testing.TestClients.ORDERS_WRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.tokengate.clientauth.AuthenticatedClient;
import io.tokengate.error.ErrorCode;
import io.tokengate.http.TokenRequest;
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

class ClientCredentialsGrantHandlerTest {
    private static final String ISSUER = "https://as.example.test";
    private static final Duration LIFETIME = Duration.ofMinutes(5);

    private final TestCertificates pki = TestCertificates.create();
    private final SigningKeySource keys = TestSigningKeys.es256();
    private final ClientCredentialsGrantHandler handler = new ClientCredentialsGrantHandler(
            new ScopeResolver(TestClients.registry()),
            new AccessTokenIssuer(ISSUER, LIFETIME, keys, pki.clock(), new SecureRandom()));
    private final AuthenticatedClient bySecret = new AuthenticatedClient(TestClients.secret("batch").build(),
            ClientAuthMethod.CLIENT_SECRET_BASIC, Optional.empty());

    @Test
    void grantTypeWhenAskedThenClientCredentialsForConfidentialClientsOnly() {
        assertEquals("client_credentials", handler.grantType());
        assertFalse(handler.allowsPublicClients());
    }

    @Test
    void handleWhenSecretClientThenSignedAccessTokenWithoutCnf() throws ParseException {
        TokenResponse response = handler.handle(request(Map.of()), bySecret);

        SignedJWT jwt = TestSigningKeys.verified(response.accessToken(), keys);
        assertEquals(JWSAlgorithm.ES256, jwt.getHeader().getAlgorithm());
        assertEquals("at+jwt", jwt.getHeader().getType().getType());
        assertEquals(keys.current().keyId(), jwt.getHeader().getKeyID());
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertEquals(ISSUER, claims.getIssuer());
        assertEquals("batch", claims.getSubject());
        assertEquals("batch", claims.getStringClaim("client_id"));
        assertEquals(List.of(AUDIENCE), claims.getAudience());
        assertEquals(Date.from(pki.now()), claims.getIssueTime());
        assertEquals(Date.from(pki.now().plus(LIFETIME)), claims.getExpirationTime());
        assertNotNull(claims.getJWTID());
        assertEquals(ORDERS_READ + " " + ORDERS_WRITE, claims.getStringClaim("scope"));
        assertNull(claims.getClaim("cnf"));
    }

    @Test
    void handleWhenSecretClientThenBearerResponseWithoutRefreshToken() {
        TokenResponse response = handler.handle(request(Map.of()), bySecret);

        assertEquals("Bearer", response.tokenType());
        assertEquals(LIFETIME.toSeconds(), response.expiresIn());
        assertEquals(List.of(ORDERS_READ, ORDERS_WRITE), response.scopes());
        assertEquals(Optional.empty(), response.refreshToken());
    }

    @Test
    void handleWhenCertificateClientThenCnfHoldsCertificateThumbprint() throws ParseException {
        IssuedCertificate certificate = pki.clientIssuedByIntermediate("CN=orders-service");
        AuthenticatedClient byCertificate = new AuthenticatedClient(
                TestClients.withImportedCertificate("orders-service", certificate.certificate()).build(),
                ClientAuthMethod.TLS_CLIENT_AUTH, Optional.of(certificate.presented()));

        TokenResponse response = handler.handle(request(Map.of()), byCertificate);

        JWTClaimsSet claims = TestSigningKeys.verified(response.accessToken(), keys).getJWTClaimsSet();
        assertEquals(Map.of("x5t#S256", certificate.thumbprint()), claims.getJSONObjectClaim("cnf"));
    }

    @Test
    void handleWhenSecretClientAlsoPresentedCertificateThenTokenNotBound() throws ParseException {
        IssuedCertificate certificate = pki.clientIssuedByIntermediate("CN=batch");
        AuthenticatedClient secretWithCertificate = new AuthenticatedClient(TestClients.secret("batch").build(),
                ClientAuthMethod.CLIENT_SECRET_POST, Optional.of(certificate.presented()));

        TokenResponse response = handler.handle(request(Map.of()), secretWithCertificate);

        assertNull(SignedJWT.parse(response.accessToken()).getJWTClaimsSet().getClaim("cnf"));
    }

    @Test
    void handleWhenScopeRequestedThenOnlyThatScopeInTokenAndResponse() throws ParseException {
        TokenResponse response = handler.handle(request(Map.of("scope", ORDERS_WRITE)), bySecret);

        assertEquals(List.of(ORDERS_WRITE), response.scopes());
        assertEquals(ORDERS_WRITE, SignedJWT.parse(response.accessToken()).getJWTClaimsSet().getStringClaim("scope"));
    }

    @Test
    void handleWhenOfflineAccessRequestedThenNoRefreshToken() {
        assertEquals(Optional.empty(),
                handler.handle(request(Map.of("scope", "offline_access")), bySecret).refreshToken());
    }

    @Test
    void handleWhenScopeNotGrantedThenInvalidScope() {
        assertOAuth2Error(ErrorCode.INVALID_SCOPE,
                () -> handler.handle(request(Map.of("scope", "https://api.example.test/orders.delete")), bySecret));
    }

    private static TokenRequest request(Map<String, String> parameters) {
        Map<String, String> all = new HashMap<>(parameters);
        all.put("grant_type", "client_credentials");
        return new TokenRequest(all, Optional.empty(), Optional.empty(), "203.0.113.7");
    }
}
