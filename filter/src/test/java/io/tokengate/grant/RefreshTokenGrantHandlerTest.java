package io.tokengate.grant;

import static io.tokengate.testing.OAuth2Assertions.assertOAuth2Error;
import static io.tokengate.testing.TestClients.AUDIENCE;
import static io.tokengate.testing.TestClients.ORDERS_READ;
import static io.tokengate.testing.TestClients.ORDERS_WRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.nimbusds.jwt.JWTClaimsSet;
import io.tokengate.clientauth.AuthenticatedClient;
import io.tokengate.error.ErrorCode;
import io.tokengate.error.OAuth2Exception;
import io.tokengate.http.TokenRequest;
import io.tokengate.refresh.InMemoryRefreshTokenStore;
import io.tokengate.refresh.RefreshTokenStore;
import io.tokengate.refresh.RefreshTokens;
import io.tokengate.refresh.StoredRefreshToken.State;
import io.tokengate.registry.ClientAuthMethod;
import io.tokengate.registry.InMemoryRegistry;
import io.tokengate.registry.ResourceServer;
import io.tokengate.registry.SecretHash;
import io.tokengate.testing.IssuedCertificate;
import io.tokengate.testing.TestCertificates;
import io.tokengate.testing.TestClients;
import io.tokengate.testing.TestClock;
import io.tokengate.testing.TestSigningKeys;
import io.tokengate.token.AccessTokenIssuer;
import io.tokengate.token.SigningKeySource;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RefreshTokenGrantHandlerTest {
    static final String BILLING = "https://billing.example.test/";
    static final String INVOICES_READ = BILLING + "invoices.read";
    private static final List<String> ALL_SCOPES = List.of(ORDERS_READ, ORDERS_WRITE, INVOICES_READ);
    private static final List<String> ALL_AUDIENCES = List.of(AUDIENCE, BILLING);

    private final TestClock clock = TestClock.create();
    private final SigningKeySource keys = TestSigningKeys.es256();
    private final InMemoryRefreshTokenStore store = new InMemoryRefreshTokenStore(clock);
    private final RefreshTokens refreshTokens = refreshTokens(store);
    private final RefreshTokenGrantHandler handler = handler(refreshTokens);
    private final AuthenticatedClient app = bySecret("app");

    @Test
    void grantTypeWhenAskedThenRefreshTokenForConfidentialClientsOnly() {
        assertEquals("refresh_token", handler.grantType());
        assertFalse(handler.allowsPublicClients());
    }

    @Test
    void handleWhenActiveTokenThenAccessTokenForFamilySubjectAndRotatedRefreshToken() throws ParseException {
        String first = refreshTokens.issue("alice", app, ALL_SCOPES, ALL_AUDIENCES);

        TokenResponse response = handler.handle(request(first, null), app);

        JWTClaimsSet claims = TestSigningKeys.verified(response.accessToken(), keys).getJWTClaimsSet();
        assertEquals("alice", claims.getSubject());
        assertEquals("app", claims.getStringClaim("client_id"));
        assertEquals(ALL_AUDIENCES, claims.getAudience());
        assertEquals(String.join(" ", ALL_SCOPES) + " offline_access", claims.getStringClaim("scope"),
                "the access token carries the scope the response states (RFC 6749 §5.1)");
        assertNull(claims.getClaim("cnf"));
        assertEquals(List.of(ORDERS_READ, ORDERS_WRITE, INVOICES_READ, "offline_access"), response.scopes());
        String second = response.refreshToken().orElseThrow();
        assertNotEquals(first, second);
        assertEquals(State.ROTATED, refreshTokens.find(first).orElseThrow().state());
        assertEquals(State.ACTIVE, refreshTokens.find(second).orElseThrow().state());
    }

    @Test
    void handleWhenEachSuccessorPresentedInTurnThenEachRotates() {
        String token = refreshTokens.issue("alice", app, ALL_SCOPES, ALL_AUDIENCES);

        for (int i = 0; i < 3; i++) {
            token = handler.handle(request(token, null), app).refreshToken().orElseThrow();
        }

        assertEquals(State.ACTIVE, refreshTokens.find(token).orElseThrow().state());
        assertEquals(4, store.size());
    }

    @Test
    void handleWhenRotatedTokenPresentedAgainThenFamilyRevokedAndNewestTokenRefused() {
        String first = refreshTokens.issue("alice", app, ALL_SCOPES, ALL_AUDIENCES);
        String second = handler.handle(request(first, null), app).refreshToken().orElseThrow();

        OAuth2Exception reuse = assertOAuth2Error(ErrorCode.INVALID_GRANT, () -> handler.handle(request(first, null), app));

        assertEquals("refresh token was already used; the token family has been revoked", reuse.description());
        OAuth2Exception newest = assertOAuth2Error(ErrorCode.INVALID_GRANT, () -> handler.handle(request(second, null), app));
        assertEquals("the refresh token has been revoked; sign in again", newest.description());
    }

    @Test
    void handleWhenTokenOfAnotherClientThenInvalidGrantAndOwnersFamilyUntouched() {
        String token = refreshTokens.issue("alice", app, ALL_SCOPES, ALL_AUDIENCES);

        OAuth2Exception e = assertOAuth2Error(ErrorCode.INVALID_GRANT,
                () -> handler.handle(request(token, null), bySecret("intruder")));

        assertEquals("the refresh token was issued to another client", e.description());
        assertEquals(State.ACTIVE, refreshTokens.find(token).orElseThrow().state());
        handler.handle(request(token, null), app);
    }

    @Test
    void handleWhenRotatedTokenOfAnotherClientThenFamilyNotRevoked() {
        String first = refreshTokens.issue("alice", app, ALL_SCOPES, ALL_AUDIENCES);
        String second = handler.handle(request(first, null), app).refreshToken().orElseThrow();

        assertOAuth2Error(ErrorCode.INVALID_GRANT, () -> handler.handle(request(first, null), bySecret("intruder")));

        handler.handle(request(second, null), app);
    }

    @Test
    void handleWhenFamilyBoundToCertificateAndClientSendsNoneThenInvalidGrant() {
        IssuedCertificate certificate = TestCertificates.create().clientIssuedByIntermediate("CN=svc");
        String token = refreshTokens.issue("alice", byCertificate(certificate), ALL_SCOPES, ALL_AUDIENCES);

        OAuth2Exception e = assertOAuth2Error(ErrorCode.INVALID_GRANT,
                () -> handler.handle(request(token, null), bySecret("svc")));

        assertEquals("the refresh token is bound to a client certificate (RFC 8705 §3); authenticate with that"
                + " certificate", e.description());
        assertEquals(State.ACTIVE, refreshTokens.find(token).orElseThrow().state());
    }

    @Test
    void handleWhenFamilyBoundToCertificateAndClientSendsAnotherThenInvalidGrant() {
        TestCertificates pki = TestCertificates.create();
        String token = refreshTokens.issue("alice", byCertificate(pki.clientIssuedByIntermediate("CN=svc")),
                ALL_SCOPES, ALL_AUDIENCES);

        assertOAuth2Error(ErrorCode.INVALID_GRANT,
                () -> handler.handle(request(token, null), byCertificate(pki.clientIssuedByIntermediate("CN=svc"))));
    }

    @Test
    void handleWhenFamilyBoundToCertificateAndSameCertificateThenBoundAccessToken() throws ParseException {
        IssuedCertificate certificate = TestCertificates.create().clientIssuedByIntermediate("CN=svc");
        String token = refreshTokens.issue("alice", byCertificate(certificate), ALL_SCOPES, ALL_AUDIENCES);

        TokenResponse response = handler.handle(request(token, null), byCertificate(certificate));

        assertEquals(Map.of("x5t#S256", certificate.thumbprint()),
                TestSigningKeys.verified(response.accessToken(), keys).getJWTClaimsSet().getJSONObjectClaim("cnf"));
        assertEquals(Optional.of(certificate.thumbprint()),
                refreshTokens.find(response.refreshToken().orElseThrow()).orElseThrow().thumbprint());
    }

    @Test
    void handleWhenScopeNarrowedThenAccessTokenAndSuccessorCarryNarrowedScopesAndAudiences() throws ParseException {
        String token = refreshTokens.issue("alice", app, ALL_SCOPES, ALL_AUDIENCES);

        TokenResponse response = handler.handle(request(token, ORDERS_READ + " offline_access"), app);

        JWTClaimsSet claims = TestSigningKeys.verified(response.accessToken(), keys).getJWTClaimsSet();
        assertEquals(ORDERS_READ + " offline_access", claims.getStringClaim("scope"));
        assertEquals(List.of(AUDIENCE), claims.getAudience());
        assertEquals(List.of(ORDERS_READ, "offline_access"), response.scopes());
        var successor = refreshTokens.find(response.refreshToken().orElseThrow()).orElseThrow();
        assertEquals(List.of(ORDERS_READ), successor.scopes());
        assertEquals(List.of(AUDIENCE), successor.audiences());
    }

    @Test
    void handleWhenScopeWidenedThenInvalidScopeAndTokenStillUsable() {
        String full = refreshTokens.issue("alice", app, ALL_SCOPES, ALL_AUDIENCES);
        String narrowed = handler.handle(request(full, ORDERS_READ), app).refreshToken().orElseThrow();

        OAuth2Exception e = assertOAuth2Error(ErrorCode.INVALID_SCOPE,
                () -> handler.handle(request(narrowed, ORDERS_READ + " " + ORDERS_WRITE), app));

        assertEquals("scope " + ORDERS_WRITE + " was not granted with this refresh token; a refresh may narrow the"
                + " scopes, never widen them (RFC 6749 §6)", e.description());
        assertEquals(State.ACTIVE, refreshTokens.find(narrowed).orElseThrow().state());
    }

    @Test
    void handleWhenOnlyOfflineAccessRequestedThenFamilyScopesKept() {
        String token = refreshTokens.issue("alice", app, ALL_SCOPES, ALL_AUDIENCES);

        TokenResponse response = handler.handle(request(token, "offline_access"), app);

        assertEquals(List.of(ORDERS_READ, ORDERS_WRITE, INVOICES_READ, "offline_access"), response.scopes());
    }

    @Test
    void handleWhenExpiredThenInvalidGrant() {
        String token = refreshTokens.issue("alice", app, ALL_SCOPES, ALL_AUDIENCES);
        clock.advance(RefreshTokens.DEFAULT_LIFETIME);

        OAuth2Exception e = assertOAuth2Error(ErrorCode.INVALID_GRANT, () -> handler.handle(request(token, null), app));

        assertEquals("the refresh token has expired; sign in again", e.description());
    }

    @Test
    void handleWhenRotatedTokenPresentedAfterItsExpiryThenExpiredAndFamilyKept() {
        String first = refreshTokens.issue("alice", app, ALL_SCOPES, ALL_AUDIENCES);
        clock.advance(Duration.ofDays(1));
        String second = handler.handle(request(first, null), app).refreshToken().orElseThrow();
        clock.advance(RefreshTokens.DEFAULT_LIFETIME.minusHours(1));

        OAuth2Exception e = assertOAuth2Error(ErrorCode.INVALID_GRANT, () -> handler.handle(request(first, null), app));

        assertEquals("the refresh token has expired; sign in again", e.description());
        handler.handle(request(second, null), app);
    }

    @Test
    void handleWhenTokenUnknownThenInvalidGrant() {
        OAuth2Exception e = assertOAuth2Error(ErrorCode.INVALID_GRANT,
                () -> handler.handle(request("bm90LWEtcmVmcmVzaC10b2tlbg", null), app));

        assertEquals("the refresh token is not valid; sign in again", e.description());
    }

    @Test
    void handleWhenRefreshTokenParameterMissingThenInvalidRequest() {
        TokenRequest request = new TokenRequest(Map.of("grant_type", "refresh_token"), Optional.empty(),
                Optional.empty(), "203.0.113.7");

        OAuth2Exception e = assertOAuth2Error(ErrorCode.INVALID_REQUEST, () -> handler.handle(request, app));

        assertEquals("the 'refresh_token' parameter is missing", e.description());
    }

    @Test
    void handleWhenTwoConcurrentRotationsOfOneTokenThenExactlyOneWinsAndFamilyRevoked() throws Exception {
        ConcurrentRotations race = new ConcurrentRotations(new InMemoryRefreshTokenStore(clock));
        RefreshTokens racingTokens = refreshTokens(race.store());
        RefreshTokenGrantHandler racingHandler = handler(racingTokens);
        String token = racingTokens.issue("alice", app, ALL_SCOPES, ALL_AUDIENCES);

        List<Object> outcomes = race.run(() -> racingHandler.handle(request(token, null), app));

        List<TokenResponse> won = outcomes.stream().filter(TokenResponse.class::isInstance)
                .map(TokenResponse.class::cast).toList();
        List<OAuth2Exception> lost = outcomes.stream().filter(OAuth2Exception.class::isInstance)
                .map(OAuth2Exception.class::cast).toList();
        assertEquals(1, won.size(), outcomes::toString);
        assertEquals(1, lost.size(), outcomes::toString);
        assertEquals(ErrorCode.INVALID_GRANT, lost.get(0).code());
        assertEquals(RefreshTokenGrantHandler.REUSED, lost.get(0).description());
        assertEquals(State.REVOKED, racingTokens.find(won.get(0).refreshToken().orElseThrow()).orElseThrow().state());
    }

    private RefreshTokens refreshTokens(RefreshTokenStore tokenStore) {
        return new RefreshTokens(tokenStore, RefreshTokens.DEFAULT_LIFETIME, Optional.empty(), clock, new SecureRandom());
    }

    private RefreshTokenGrantHandler handler(RefreshTokens tokens) {
        InMemoryRegistry resources = new InMemoryRegistry(List.of(), List.of(),
                List.of(TestClients.ordersApi(), new ResourceServer(BILLING, Set.of("invoices.read"))));
        return new RefreshTokenGrantHandler(tokens, resources,
                new AccessTokenIssuer("https://as.example.test", Duration.ofMinutes(5), keys, clock, new SecureRandom()));
    }

    private static AuthenticatedClient bySecret(String clientId) {
        return new AuthenticatedClient(TestClients.passwordClient(clientId).build(), ClientAuthMethod.CLIENT_SECRET_BASIC,
                Optional.empty());
    }

    private static AuthenticatedClient byCertificate(IssuedCertificate certificate) {
        return new AuthenticatedClient(TestClients.withImportedCertificate("svc", certificate.certificate())
                .authMethod(ClientAuthMethod.CLIENT_SECRET_BASIC).secretHash(SecretHash.sha256Of(TestClients.SECRET))
                .grantType("refresh_token").build(), ClientAuthMethod.TLS_CLIENT_AUTH, Optional.of(certificate.presented()));
    }

    private static TokenRequest request(String refreshToken, String scope) {
        Map<String, String> parameters = new HashMap<>();
        parameters.put("grant_type", "refresh_token");
        parameters.put("refresh_token", refreshToken);
        if (scope != null) {
            parameters.put("scope", scope);
        }
        return new TokenRequest(parameters, Optional.empty(), Optional.empty(), "203.0.113.7");
    }
}
