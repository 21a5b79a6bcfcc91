package io.tokengate.grant;

import io.tokengate.clientauth.AuthenticatedClient;
import io.tokengate.http.TokenRequest;
import io.tokengate.token.AccessTokenClaims;
import io.tokengate.token.AccessTokenIssuer;
import io.tokengate.token.IssuedToken;

/**
 * Issues a token in the client's own name, with no resource owner: the shared core of the
 * {@code client_credentials} and {@code tls_client_auth} grants. No refresh token (RFC 6749 §4.4.3).
 * The token is bound to the client certificate when the client authenticated with one.
 */
final class ClientTokenMinter {
    private final ScopeResolver scopes;
    private final AccessTokenIssuer issuer;

    ClientTokenMinter(ScopeResolver scopes, AccessTokenIssuer issuer) {
        this.scopes = scopes;
        this.issuer = issuer;
    }

    TokenResponse mint(TokenRequest request, AuthenticatedClient client) {
        GrantedScopes granted = scopes.resolve(client.client(), request.parameter("scope"));
        IssuedToken token = issuer.issue(new AccessTokenClaims(client.clientId(), client.clientId(),
                granted.scopes(), granted.audiences(), client.boundThumbprint()));
        return new TokenResponse(token.value(), "Bearer", token.expiresIn(), granted.scopes(), java.util.Optional.empty());
    }
}
