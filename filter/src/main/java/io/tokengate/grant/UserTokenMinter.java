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
 * token when {@code offline_access} was requested and refresh tokens are available.
 */
public final class UserTokenMinter {
    private final ScopeResolver scopes;
    private final AccessTokenIssuer issuer;
    private final Optional<RefreshTokenIssuer> refreshTokens;

    public UserTokenMinter(ScopeResolver scopes, AccessTokenIssuer issuer, Optional<RefreshTokenIssuer> refreshTokens) {
        this.scopes = scopes;
        this.issuer = issuer;
        this.refreshTokens = refreshTokens;
    }

    public TokenResponse mint(String subject, AuthenticatedClient client, Optional<String> requestedScope) {
        GrantedScopes granted = scopes.resolve(client.client(), requestedScope);
        IssuedToken token = issuer.issue(new AccessTokenClaims(subject, client.clientId(), granted.scopes(),
                granted.audiences(), client.boundThumbprint()));
        Optional<String> refresh = granted.offlineAccess()
                ? refreshTokens.map(r -> r.issue(subject, client, granted.scopes(), granted.audiences()))
                : Optional.empty();
        return new TokenResponse(token.value(), "Bearer", token.expiresIn(),
                refresh.isPresent() ? withOfflineAccess(granted) : granted.scopes(), refresh);
    }

    private static java.util.List<String> withOfflineAccess(GrantedScopes granted) {
        java.util.List<String> all = new java.util.ArrayList<>(granted.scopes());
        all.add(ScopeResolver.OFFLINE_ACCESS);
        return all;
    }
}
