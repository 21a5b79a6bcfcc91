package io.tokengate.clientauth;

import io.tokengate.error.OAuth2Exception;
import io.tokengate.registry.Client;
import io.tokengate.registry.ClientAuthMethod;

/** Checks a presented client secret against the registered hash, in constant time. */
final class SecretVerifier {
    private SecretVerifier() {
    }

    static void verify(Client client, String secret, ClientAuthMethod method) {
        boolean ok = client.secretHash().map(h -> h.matches(secret)).orElse(false);
        if (!ok) {
            throw OAuth2Exception.invalidClient("the client secret sent with " + method.value()
                    + " is not the secret registered for client " + client.clientId());
        }
    }
}
