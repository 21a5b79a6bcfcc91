package io.tokengate.clientauth;

import io.tokengate.cert.ClientCertificate;
import io.tokengate.registry.Client;
import io.tokengate.registry.ClientAuthMethod;
import java.util.Objects;
import java.util.Optional;

/**
 * A client whose credentials the server has verified, as distinct from the client a request
 * merely claims to be. Immutable.
 *
 * @param client      the registered profile
 * @param method      the method that authenticated it
 * @param certificate the certificate it proved possession of, for binding tokens (RFC 8705 §3)
 */
public record AuthenticatedClient(Client client, ClientAuthMethod method, Optional<ClientCertificate> certificate) {
    public AuthenticatedClient {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(certificate, "certificate");
        if (method.isCertificateBased() && certificate.isEmpty()) {
            throw new IllegalArgumentException("a certificate method needs the certificate");
        }
    }

    public String clientId() {
        return client.clientId();
    }

    /** The thumbprint to bind tokens to, when the client authenticated with a certificate. */
    public Optional<String> boundThumbprint() {
        return method.isCertificateBased() ? certificate.map(ClientCertificate::thumbprint) : Optional.empty();
    }
}
