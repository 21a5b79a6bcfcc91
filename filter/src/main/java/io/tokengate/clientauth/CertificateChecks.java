package io.tokengate.clientauth;

import io.tokengate.cert.ClientCertificate;
import io.tokengate.cert.validation.CertificateValidationException;
import io.tokengate.cert.validation.CertificateValidator;
import io.tokengate.error.OAuth2Exception;
import io.tokengate.http.TokenRequest;
import io.tokengate.registry.Client;
import io.tokengate.registry.ClientAuthMethod;

/**
 * The checks every certificate method makes: a certificate was presented, and the
 * {@link CertificateValidator} accepts it (validity, key usage, and path and revocation where its
 * issuer is a configured CA), each refusal an {@code invalid_client} saying what to fix.
 */
final class CertificateChecks {
    private CertificateChecks() {
    }

    static ClientCertificate presented(TokenRequest request, Client client, ClientAuthMethod method) {
        return request.certificate().orElseThrow(() -> OAuth2Exception.invalidClient(
                "no client certificate was presented in the TLS handshake; client " + client.clientId()
                        + " authenticates with " + method.value() + " and must connect with its certificate"));
    }

    static void validate(CertificateValidator validator, ClientCertificate certificate, CertificateValidator.Purpose purpose,
            Client client) {
        try {
            validator.validate(certificate, purpose);
        } catch (CertificateValidationException e) {
            throw OAuth2Exception.invalidClient(e.getMessage() + "; client " + client.clientId() + " " + advice(e));
        }
    }

    private static String advice(CertificateValidationException e) {
        return switch (e.reason()) {
            case EXPIRED, NOT_YET_VALID -> "needs a valid certificate";
            case REVOKED -> "needs a new certificate";
            case UNKNOWN_ISSUER, INVALID_PATH -> "needs a certificate issued by a CA this server trusts";
            case KEY_USAGE -> "needs a certificate issued for TLS client authentication";
            case REVOCATION_UNKNOWN, REVOCATION_INVALID -> "cannot be authenticated until its CA answers for it";
            case REVOCATION_UNAVAILABLE -> "cannot be authenticated until the revocation check succeeds; try again later";
        };
    }
}
