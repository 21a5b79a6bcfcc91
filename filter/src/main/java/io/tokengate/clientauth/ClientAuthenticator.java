package io.tokengate.clientauth;

import io.tokengate.http.TokenRequest;
import io.tokengate.registry.Client;
import io.tokengate.registry.ClientAuthMethod;

/**
 * One token endpoint client authentication method (RFC 6749 §2.3, RFC 8705 §2). Implementations
 * are small, immutable and thread-safe; {@link ClientAuthentication} picks the one to run.
 */
public interface ClientAuthenticator {

    /** The method this authenticator implements. */
    ClientAuthMethod method();

    /**
     * Whether the request carries this method's own credentials (an {@code Authorization: Basic}
     * header, a {@code client_secret} parameter, a client assertion). Certificate methods answer
     * {@code false}: a certificate may be presented on any mutual-TLS connection, so they run only
     * when no explicit credential was sent and the client registered them.
     */
    boolean isPresentIn(TokenRequest request);

    /**
     * The client id this method's credentials name (a client assertion names its client in
     * {@code iss}, RFC 7523 §3): used to find the client when the request carries no
     * {@code client_id} and no Basic header, and refused when it differs from {@code client_id}.
     * Unverified: only used to look up the client whose keys then verify the credentials.
     */
    default java.util.Optional<String> claimedClientId(TokenRequest request) {
        return java.util.Optional.empty();
    }

    /**
     * Authenticates {@code client}, which the request claims to be and which registered this method.
     *
     * @throws io.tokengate.error.OAuth2Exception {@code invalid_client} saying what did not match
     */
    AuthenticatedClient authenticate(TokenRequest request, Client client);
}
