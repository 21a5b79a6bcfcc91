package io.tokengate.grant;

import io.tokengate.clientauth.AuthenticatedClient;
import io.tokengate.http.TokenRequest;

/**
 * Serves one grant type at the token endpoint (RFC 6749 §4). It runs after client authentication
 * and after the endpoint has checked that the grant is enabled for the client; it validates the
 * grant's own parameters and issues the tokens. Implementations are immutable and thread-safe.
 */
public interface GrantHandler {

    /** The {@code grant_type} value this handler serves. */
    String grantType();

    /** Whether a public client (a mobile application, method {@code none}) may use this grant. */
    default boolean allowsPublicClients() {
        return false;
    }

    /** @throws io.tokengate.error.OAuth2Exception with the RFC 6749 §5.2 code that says what is wrong */
    TokenResponse handle(TokenRequest request, AuthenticatedClient client);
}
