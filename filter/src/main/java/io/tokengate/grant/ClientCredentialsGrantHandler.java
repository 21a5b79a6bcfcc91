package io.tokengate.grant;

import io.tokengate.clientauth.AuthenticatedClient;
import io.tokengate.http.TokenRequest;
import io.tokengate.token.AccessTokenIssuer;

/**
 * The {@code client_credentials} grant (RFC 6749 §4.4) with any registered confidential
 * authentication method; with {@code tls_client_auth} or {@code self_signed_tls_client_auth}
 * (RFC 8705 §2) the token is certificate-bound.
 */
public final class ClientCredentialsGrantHandler implements GrantHandler {
    public static final String GRANT_TYPE = "client_credentials";

    private final ClientTokenMinter minter;

    public ClientCredentialsGrantHandler(ScopeResolver scopes, AccessTokenIssuer issuer) {
        this.minter = new ClientTokenMinter(scopes, issuer);
    }

    @Override
    public String grantType() {
        return GRANT_TYPE;
    }

    @Override
    public TokenResponse handle(TokenRequest request, AuthenticatedClient client) {
        return minter.mint(request, client);
    }
}
