package io.tokengate.clientauth;

import io.tokengate.http.TokenRequest;
import io.tokengate.registry.Client;
import io.tokengate.registry.ClientAuthMethod;
import java.util.Optional;

/** {@code client_secret_post} (RFC 6749 §2.3.1): {@code client_id} and {@code client_secret} in the body. */
public final class ClientSecretPostAuthenticator implements ClientAuthenticator {
    @Override
    public ClientAuthMethod method() {
        return ClientAuthMethod.CLIENT_SECRET_POST;
    }

    @Override
    public boolean isPresentIn(TokenRequest request) {
        return request.parameter("client_secret").isPresent();
    }

    @Override
    public AuthenticatedClient authenticate(TokenRequest request, Client client) {
        SecretVerifier.verify(client, request.requiredParameter("client_secret"), method());
        return new AuthenticatedClient(client, method(), Optional.empty());
    }
}
