package io.tokengate.clientauth;

import io.tokengate.cert.Certificates;
import io.tokengate.cert.ClientCertificate;
import io.tokengate.error.OAuth2Exception;
import io.tokengate.http.TokenRequest;
import io.tokengate.registry.Client;
import io.tokengate.registry.ClientAuthMethod;
import java.time.Clock;

/** The checks every certificate method starts with: a certificate was presented and is within its validity period. */
final class CertificateChecks {
    private CertificateChecks() {
    }

    static ClientCertificate presentAndValid(TokenRequest request, Client client, ClientAuthMethod method, Clock clock) {
        ClientCertificate certificate = request.certificate().orElseThrow(() -> OAuth2Exception.invalidClient(
                "no client certificate was presented in the TLS handshake; client " + client.clientId()
                        + " authenticates with " + method.value() + " and must connect with its certificate"));
        String problem = Certificates.validityProblem(certificate.leaf(), clock.instant());
        if (problem != null) {
            throw OAuth2Exception.invalidClient(problem + "; client " + client.clientId() + " needs a valid certificate");
        }
        return certificate;
    }
}
