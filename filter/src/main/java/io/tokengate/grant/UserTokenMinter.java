package io.tokengate.grant;

import io.tokengate.clientauth.AuthenticatedClient;
import io.tokengate.refresh.RefreshTokenIssuer;
import io.tokengate.token.AccessTokenClaims;
import io.tokengate.token.AccessTokenIssuer;
import io.tokengate.token.IssuedToken;
import java.util.Optional;

/**
 * Issues tokens in the context of a resource owner — the end user, service or client an assertion
 * or password names — for the password and assertion grants: an access token with the scopes the
 * client's roles grant (bound to the client certificate when the client used one), and a refresh
 * token when {@code offline_access} was requested, refresh tokens are available and the client may
 * use the {@code refresh_token} grant (a token it could never redeem is not issued; {@code scope}
 * then leaves out {@code offline_access}). The refresh token's family is started first, so that
 * the access token can name it ({@value io.tokengate.token.AccessTokenClaims#FAMILY_CLAIM}) and
 * be revoked with it.
 */
public final class UserTokenMinter {
    private final ScopeResolver scopes;
    private final AccessTokenIssuer issuer;
    private final Optional<RefreshTokenIssuer> refreshTokens;
    private final java.util.function.Predicate<String> knownSubject;

    public UserTokenMinter(ScopeResolver scopes, AccessTokenIssuer issuer, Optional<RefreshTokenIssuer> refreshTokens) {
        this(scopes, issuer, refreshTokens, subject -> true);
    }

    /**
     * @param knownSubject whether a subject may receive tokens; the assertion grants use it when the
     *                     configuration requires assertion subjects to be known, enabled users
     */
    public UserTokenMinter(ScopeResolver scopes, AccessTokenIssuer issuer, Optional<RefreshTokenIssuer> refreshTokens,
            java.util.function.Predicate<String> knownSubject) {
        this.scopes = scopes;
        this.issuer = issuer;
        this.refreshTokens = refreshTokens;
        this.knownSubject = knownSubject;
    }

    /** @throws io.tokengate.error.OAuth2Exception {@code invalid_scope} when the scope is not granted */
    public TokenResponse mint(String subject, AuthenticatedClient client, Optional<String> requestedScope) {
        if (!knownSubject.test(subject)) {
            throw io.tokengate.error.OAuth2Exception.invalidGrant("the assertion's subject " + subject
                    + " is not a known, enabled user of this server");
        }
        GrantedScopes granted = scopes.resolve(client.client(), requestedScope);
        boolean offline = granted.offlineAccess() && refreshTokens.isPresent()
                && client.client().isGrantEnabled(RefreshTokenGrantHandler.GRANT_TYPE);
        java.util.List<String> tokenScopes = offline ? withOfflineAccess(granted) : granted.scopes();
        Optional<RefreshTokenIssuer.Started> refresh = offline
                ? refreshTokens.map(r -> r.start(subject, client, granted.scopes(), granted.audiences()))
                : Optional.empty();
        IssuedToken token = issuer.issue(new AccessTokenClaims(subject, client.clientId(), tokenScopes,
                granted.audiences(), client.boundThumbprint(), refresh.map(RefreshTokenIssuer.Started::familyId)));
        return new TokenResponse(token.value(), "Bearer", token.expiresIn(), tokenScopes,
                refresh.map(RefreshTokenIssuer.Started::token));
    }

    private static java.util.List<String> withOfflineAccess(GrantedScopes granted) {
        java.util.List<String> all = new java.util.ArrayList<>(granted.scopes());
        all.add(ScopeResolver.OFFLINE_ACCESS);
        return all;
    }
}
