package io.tokengate.grant;

import io.tokengate.clientauth.AuthenticatedClient;
import io.tokengate.error.OAuth2Exception;
import io.tokengate.http.TokenRequest;
import io.tokengate.token.AccessTokenIssuer;

/**
 * The TLS Client Authentication grant, {@code grant_type=tls_client_auth&client_id=…&scope=…}
 * over mutual TLS (the Oracle Identity Cloud Service form of RFC 8705): only a confidential
 * application that authenticated with its certificate may use it, and the token is bound to that
 * certificate. A client that authenticated otherwise gets {@code invalid_client}, since the grant
 * exists to authenticate by certificate.
 */
public final class TlsClientAuthGrantHandler implements GrantHandler {
    public static final String GRANT_TYPE = "tls_client_auth";

    private final ClientTokenMinter minter;

    public TlsClientAuthGrantHandler(ScopeResolver scopes, AccessTokenIssuer issuer) {
        this.minter = new ClientTokenMinter(scopes, issuer);
    }

    @Override
    public String grantType() {
        return GRANT_TYPE;
    }

    @Override
    public TokenResponse handle(TokenRequest request, AuthenticatedClient client) {
        if (!client.method().isCertificateBased()) {
            throw OAuth2Exception.invalidClient("grant tls_client_auth authenticates the client by its certificate;"
                    + " client " + client.clientId() + " authenticated with " + client.method().value()
                    + " instead: connect with the client certificate and send no other credentials");
        }
        return minter.mint(request, client);
    }
}
