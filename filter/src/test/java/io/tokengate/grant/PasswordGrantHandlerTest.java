package io.tokengate.grant;

import static io.tokengate.testing.OAuth2Assertions.assertOAuth2Error;
import static io.tokengate.testing.TestClients.AUDIENCE;
import static io.tokengate.testing.TestClients.ORDERS_READ;
import static io.tokengate.testing.TestClients.ORDERS_WRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import com.nimbusds.jwt.JWTClaimsSet;
import io.tokengate.clientauth.AuthenticatedClient;
import io.tokengate.error.ErrorCode;
import io.tokengate.error.OAuth2Exception;
import io.tokengate.http.TokenRequest;
import io.tokengate.refresh.InMemoryRefreshTokenStore;
import io.tokengate.refresh.RefreshTokens;
import io.tokengate.refresh.StoredRefreshToken;
import io.tokengate.registry.ClientAuthMethod;
import io.tokengate.testing.IssuedCertificate;
import io.tokengate.testing.TestCertificates;
import io.tokengate.testing.TestClients;
import io.tokengate.testing.TestClock;
import io.tokengate.testing.TestSigningKeys;
import io.tokengate.testing.TestUsers;
import io.tokengate.token.AccessTokenIssuer;
import io.tokengate.token.SigningKeySource;
import io.tokengate.user.LoginThrottle;
import io.tokengate.user.PasswordHasher;
import io.tokengate.user.User;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PasswordGrantHandlerTest {
    private static final String ADDRESS = "203.0.113.7";
    private static final String OTHER_ADDRESS = "198.51.100.9";

    private final TestClock clock = TestClock.create();
    private final SigningKeySource keys = TestSigningKeys.es256();
    private final User alice = TestUsers.user("alice");
    private final User dave = TestUsers.disabled("dave");
    private final PasswordHasher hasher = spy(TestUsers.hasher());
    private final RefreshTokens refreshTokens = new RefreshTokens(new InMemoryRefreshTokenStore(clock),
            RefreshTokens.DEFAULT_LIFETIME, Optional.empty(), clock, new SecureRandom());
    private final PasswordGrantHandler handler = new PasswordGrantHandler(TestUsers.directory(alice, dave), hasher,
            LoginThrottle.withDefaults(clock), new UserTokenMinter(new ScopeResolver(TestClients.registry()),
                    new AccessTokenIssuer("https://as.example.test", Duration.ofMinutes(5), keys, clock,
                            new SecureRandom()), Optional.of(refreshTokens)));
    private final AuthenticatedClient app = bySecret(TestClients.passwordClient("app").build());

    @Test
    void grantTypeWhenAskedThenPasswordForConfidentialClientsOnly() {
        assertEquals("password", handler.grantType());
        assertFalse(handler.allowsPublicClients());
    }

    @Test
    void handleWhenRightPasswordThenAccessTokenForTheUserWithoutRefreshToken() throws ParseException {
        TokenResponse response = handler.handle(request("alice", TestUsers.PASSWORD, null, ADDRESS), app);

        JWTClaimsSet claims = TestSigningKeys.verified(response.accessToken(), keys).getJWTClaimsSet();
        assertEquals("alice", claims.getSubject());
        assertEquals("app", claims.getStringClaim("client_id"));
        assertEquals(List.of(AUDIENCE), claims.getAudience());
        assertEquals(ORDERS_READ + " " + ORDERS_WRITE, claims.getStringClaim("scope"));
        assertEquals(List.of(ORDERS_READ, ORDERS_WRITE), response.scopes());
        assertEquals(Optional.empty(), response.refreshToken());
    }

    @Test
    void handleWhenOfflineAccessRequestedThenRefreshTokenForUserAndClient() {
        TokenResponse response = handler.handle(request("alice", TestUsers.PASSWORD,
                ORDERS_READ + " offline_access", ADDRESS), app);

        assertEquals(List.of(ORDERS_READ, "offline_access"), response.scopes());
        StoredRefreshToken family = refreshTokens.find(response.refreshToken().orElseThrow()).orElseThrow();
        assertEquals("alice", family.subject());
        assertEquals("app", family.clientId());
        assertEquals(List.of(ORDERS_READ), family.scopes());
        assertEquals(List.of(AUDIENCE), family.audiences());
    }

    @Test
    void handleWhenOfflineAccessButClientMayNotUseRefreshGrantThenNoRefreshToken() {
        AuthenticatedClient passwordOnly = bySecret(TestClients.secret("legacy").grantType("password").build());

        TokenResponse response = handler.handle(request("alice", TestUsers.PASSWORD, "offline_access", ADDRESS),
                passwordOnly);

        assertEquals(Optional.empty(), response.refreshToken());
        assertEquals(List.of(ORDERS_READ, ORDERS_WRITE), response.scopes());
    }

    @Test
    void handleWhenCertificateClientThenAccessTokenAndRefreshFamilyBoundToCertificate() throws ParseException {
        IssuedCertificate certificate = TestCertificates.create().clientIssuedByIntermediate("CN=svc");
        AuthenticatedClient byCertificate = new AuthenticatedClient(TestClients.withImportedCertificate("svc",
                certificate.certificate()).grantType("password").grantType("refresh_token").build(),
                ClientAuthMethod.TLS_CLIENT_AUTH, Optional.of(certificate.presented()));

        TokenResponse response = handler.handle(request("alice", TestUsers.PASSWORD, "offline_access", ADDRESS),
                byCertificate);

        assertEquals(Map.of("x5t#S256", certificate.thumbprint()),
                TestSigningKeys.verified(response.accessToken(), keys).getJWTClaimsSet().getJSONObjectClaim("cnf"));
        assertEquals(Optional.of(certificate.thumbprint()),
                refreshTokens.find(response.refreshToken().orElseThrow()).orElseThrow().thumbprint());
    }

    @Test
    void handleWhenWrongPasswordThenInvalidGrantWithGenericDescription() {
        OAuth2Exception e = assertOAuth2Error(ErrorCode.INVALID_GRANT,
                () -> handler.handle(request("alice", "Tr0ub4dor&3", null, ADDRESS), app));

        assertEquals("the username or password is wrong", e.description());
    }

    @Test
    void handleWhenUserUnknownThenSameDescriptionAfterVerifyingAgainstDummyHash() {
        OAuth2Exception e = assertOAuth2Error(ErrorCode.INVALID_GRANT,
                () -> handler.handle(request("mallory", TestUsers.PASSWORD, null, ADDRESS), app));

        assertEquals("the username or password is wrong", e.description());
        verify(hasher).verify(Optional.empty(), TestUsers.PASSWORD);
    }

    @Test
    void handleWhenUserDisabledThenSameDescriptionAfterCheckingPassword() {
        OAuth2Exception e = assertOAuth2Error(ErrorCode.INVALID_GRANT,
                () -> handler.handle(request("dave", TestUsers.PASSWORD, null, ADDRESS), app));

        assertEquals("the username or password is wrong", e.description());
        verify(hasher).verify(Optional.of(dave.passwordHash()), TestUsers.PASSWORD);
    }

    @Test
    void handleWhenUsernameMissingThenInvalidRequest() {
        Map<String, String> parameters = Map.of("grant_type", "password", "password", TestUsers.PASSWORD);

        OAuth2Exception e = assertOAuth2Error(ErrorCode.INVALID_REQUEST, () -> handler.handle(
                new TokenRequest(parameters, Optional.empty(), Optional.empty(), ADDRESS), app));

        assertEquals("the 'username' parameter is missing", e.description());
    }

    @Test
    void handleWhenPasswordMissingThenInvalidRequest() {
        Map<String, String> parameters = Map.of("grant_type", "password", "username", "alice");

        OAuth2Exception e = assertOAuth2Error(ErrorCode.INVALID_REQUEST, () -> handler.handle(
                new TokenRequest(parameters, Optional.empty(), Optional.empty(), ADDRESS), app));

        assertEquals("the 'password' parameter is missing", e.description());
    }

    @Test
    void handleWhenScopeNotGrantedToClientThenInvalidScope() {
        assertOAuth2Error(ErrorCode.INVALID_SCOPE,
                () -> handler.handle(request("alice", TestUsers.PASSWORD, "https://other.example.test/x", ADDRESS), app));
    }

    @Test
    void handleWhenPublicClientThenUnauthorizedClient() {
        AuthenticatedClient mobile = new AuthenticatedClient(TestClients.mobile("mobile").grantType("password").build(),
                ClientAuthMethod.NONE, Optional.empty());

        assertOAuth2Error(ErrorCode.UNAUTHORIZED_CLIENT,
                () -> handler.handle(request("alice", TestUsers.PASSWORD, null, ADDRESS), mobile));
        verify(hasher, times(0)).verify(any(), anyString());
    }

    @Test
    void handleWhenFiveFailuresForUserThenRightPasswordRefusedWithoutChecking() {
        for (int i = 0; i < 5; i++) {
            failFrom("alice", "192.0.2." + i);
        }

        OAuth2Exception e = assertOAuth2Error(ErrorCode.INVALID_GRANT,
                () -> handler.handle(request("alice", TestUsers.PASSWORD, null, OTHER_ADDRESS), app));

        assertEquals("too many failed attempts; try again later", e.description());
        verify(hasher, times(5)).verify(any(), anyString());
    }

    @Test
    void handleWhenFiveFailuresFromAddressThenEveryUserFromThereThrottledOthersNot() {
        for (int i = 0; i < 5; i++) {
            failFrom("user" + i, ADDRESS);
        }

        OAuth2Exception e = assertOAuth2Error(ErrorCode.INVALID_GRANT,
                () -> handler.handle(request("alice", TestUsers.PASSWORD, null, ADDRESS), app));

        assertEquals("too many failed attempts; try again later", e.description());
        handler.handle(request("alice", TestUsers.PASSWORD, null, OTHER_ADDRESS), app);
    }

    @Test
    void handleWhenUnknownUserFailsFiveTimesThenThrottledLikeAKnownUser() {
        for (int i = 0; i < 5; i++) {
            failFrom("mallory", "192.0.2." + i);
        }

        OAuth2Exception e = assertOAuth2Error(ErrorCode.INVALID_GRANT,
                () -> handler.handle(request("mallory", TestUsers.PASSWORD, null, OTHER_ADDRESS), app));

        assertEquals("too many failed attempts; try again later", e.description());
    }

    @Test
    void handleWhenThrottleWindowPassedThenRightPasswordAccepted() {
        for (int i = 0; i < 5; i++) {
            failFrom("alice", ADDRESS);
        }
        clock.advance(Duration.ofMinutes(15));

        TokenResponse response = handler.handle(request("alice", TestUsers.PASSWORD, null, ADDRESS), app);

        assertEquals(List.of(ORDERS_READ, ORDERS_WRITE), response.scopes());
    }

    @Test
    void handleWhenSuccessAfterFailuresThenUserCountStartsAgain() {
        for (int i = 0; i < 4; i++) {
            failFrom("alice", ADDRESS);
        }
        handler.handle(request("alice", TestUsers.PASSWORD, null, ADDRESS), app);
        for (int i = 0; i < 4; i++) {
            failFrom("alice", OTHER_ADDRESS);
        }

        handler.handle(request("alice", TestUsers.PASSWORD, null, OTHER_ADDRESS), app);
    }

    private void failFrom(String username, String address) {
        assertOAuth2Error(ErrorCode.INVALID_GRANT, () -> handler.handle(request(username, "wrong", null, address), app));
    }

    private static AuthenticatedClient bySecret(io.tokengate.registry.Client client) {
        return new AuthenticatedClient(client, ClientAuthMethod.CLIENT_SECRET_BASIC, Optional.empty());
    }

    private static TokenRequest request(String username, String password, String scope, String address) {
        Map<String, String> parameters = new HashMap<>();
        parameters.put("grant_type", "password");
        parameters.put("username", username);
        parameters.put("password", password);
        if (scope != null) {
            parameters.put("scope", scope);
        }
        return new TokenRequest(parameters, Optional.empty(), Optional.empty(), address);
    }
}
