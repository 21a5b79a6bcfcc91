package io.tokengate.clientauth;

import io.tokengate.http.TokenRequest;
import io.tokengate.registry.Client;
import io.tokengate.registry.ClientAuthMethod;
import java.util.Optional;

/** {@code client_secret_basic} (RFC 6749 §2.3.1): the secret in an {@code Authorization: Basic} header. */
public final class ClientSecretBasicAuthenticator implements ClientAuthenticator {
    @Override
    public ClientAuthMethod method() {
        return ClientAuthMethod.CLIENT_SECRET_BASIC;
    }

    @Override
    public boolean isPresentIn(TokenRequest request) {
        return BasicCredentials.from(request.authorization()).isPresent();
    }

    @Override
    public AuthenticatedClient authenticate(TokenRequest request, Client client) {
        BasicCredentials credentials = BasicCredentials.from(request.authorization()).orElseThrow();
        SecretVerifier.verify(client, credentials.secret(), method());
        return new AuthenticatedClient(client, method(), Optional.empty());
    }
}
