package io.tokengate.clientauth;

import io.tokengate.cert.ClientCertificate;
import io.tokengate.cert.validation.CertificateValidator;
import io.tokengate.error.OAuth2Exception;
import io.tokengate.http.TokenRequest;
import io.tokengate.registry.CertificateSubject;
import io.tokengate.registry.Client;
import io.tokengate.registry.ClientAuthMethod;
import java.util.Optional;

/**
 * {@code tls_client_auth}: the client proves possession of its certificate in the TLS handshake.
 * <ul>
 *   <li>A client with a certificate imported into its profile must present exactly that
 *       certificate (compared by SHA-256 thumbprint), which the {@link CertificateValidator} accepts
 *       as pinned (valid now, usable for client authentication, not revoked when its CA is
 *       configured) — the product's TLS Client Authentication grant.</li>
 *   <li>A client registered by name (RFC 8705 §2.1) must present a certificate that chains to a
 *       configured trust anchor, passes its revocation policy and carries the registered subject
 *       DN or SAN.</li>
 * </ul>
 */
public final class TlsClientAuthenticator implements ClientAuthenticator {
    private final CertificateValidator validator;

    public TlsClientAuthenticator(CertificateValidator validator) {
        this.validator = validator;
    }

    @Override
    public ClientAuthMethod method() {
        return ClientAuthMethod.TLS_CLIENT_AUTH;
    }

    @Override
    public boolean isPresentIn(TokenRequest request) {
        return false;
    }

    @Override
    public AuthenticatedClient authenticate(TokenRequest request, Client client) {
        ClientCertificate presented = CertificateChecks.presented(request, client, method());
        if (client.certificate().isPresent()) {
            if (!client.certificate().map(io.tokengate.cert.Thumbprints::x5tS256).get().equals(presented.thumbprint())) {
                throw OAuth2Exception.invalidClient("client certificate " + presented.describe()
                        + " does not match the certificate registered for client " + client.clientId());
            }
            CertificateChecks.validate(validator, presented, CertificateValidator.Purpose.PINNED, client);
        } else {
            CertificateSubject subject = client.certificateSubject().orElseThrow();
            CertificateChecks.validate(validator, presented, CertificateValidator.Purpose.CHAIN_REQUIRED, client);
            if (!subject.matches(presented.leaf())) {
                throw OAuth2Exception.invalidClient("client certificate " + presented.describe()
                        + " does not carry the " + subject + " registered for client " + client.clientId());
            }
        }
        return new AuthenticatedClient(client, method(), Optional.of(presented));
    }
}
