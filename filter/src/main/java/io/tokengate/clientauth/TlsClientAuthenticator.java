package io.tokengate.clientauth;

import io.tokengate.cert.ClientCertificate;
import io.tokengate.cert.PkixValidator;
import io.tokengate.error.OAuth2Exception;
import io.tokengate.http.TokenRequest;
import io.tokengate.registry.CertificateSubject;
import io.tokengate.registry.Client;
import io.tokengate.registry.ClientAuthMethod;
import java.time.Clock;
import java.util.Optional;

/**
 * {@code tls_client_auth}: the client proves possession of its certificate in the TLS handshake.
 * <ul>
 *   <li>A client with a certificate imported into its profile must present exactly that
 *       certificate (compared by SHA-256 thumbprint), within its validity period — the product's
 *       TLS Client Authentication grant.</li>
 *   <li>A client registered by name (RFC 8705 §2.1) must present a certificate that chains to a
 *       configured trust anchor and carries the registered subject DN or SAN.</li>
 * </ul>
 */
public final class TlsClientAuthenticator implements ClientAuthenticator {
    private final PkixValidator pkix;
    private final Clock clock;

    public TlsClientAuthenticator(PkixValidator pkix, Clock clock) {
        this.pkix = pkix;
        this.clock = clock;
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
        ClientCertificate presented = CertificateChecks.presentAndValid(request, client, method(), clock);
        if (client.certificate().isPresent()) {
            if (!client.certificate().map(io.tokengate.cert.Thumbprints::x5tS256).get().equals(presented.thumbprint())) {
                throw OAuth2Exception.invalidClient("client certificate " + presented.describe()
                        + " does not match the certificate registered for client " + client.clientId());
            }
        } else {
            CertificateSubject subject = client.certificateSubject().orElseThrow();
            pkix.validate(presented, clock.instant(), client.clientId());
            if (!subject.matches(presented.leaf())) {
                throw OAuth2Exception.invalidClient("client certificate " + presented.describe()
                        + " does not carry the " + subject + " registered for client " + client.clientId());
            }
        }
        return new AuthenticatedClient(client, method(), Optional.of(presented));
    }
}
