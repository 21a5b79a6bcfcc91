package io.tokengate.clientauth;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.util.X509CertUtils;
import io.tokengate.cert.ClientCertificate;
import io.tokengate.cert.Thumbprints;
import io.tokengate.cert.validation.CertificateValidator;
import io.tokengate.error.OAuth2Exception;
import io.tokengate.http.TokenRequest;
import io.tokengate.registry.Client;
import io.tokengate.registry.ClientAuthMethod;
import java.security.cert.X509Certificate;
import java.util.Optional;

/**
 * {@code self_signed_tls_client_auth} (RFC 8705 §2.2): the presented certificate must be one the
 * client registered as the first {@code x5c} entry of a key in its JWKS, compared by SHA-256
 * thumbprint, and then pass the {@link CertificateValidator} as a pinned certificate (validity and
 * key usage; path and revocation only when its issuer is a configured CA). A CA-issued leaf
 * registered this way works as well.
 */
public final class SelfSignedTlsClientAuthenticator implements ClientAuthenticator {
    private final CertificateValidator validator;

    public SelfSignedTlsClientAuthenticator(CertificateValidator validator) {
        this.validator = validator;
    }

    @Override
    public ClientAuthMethod method() {
        return ClientAuthMethod.SELF_SIGNED_TLS_CLIENT_AUTH;
    }

    @Override
    public boolean isPresentIn(TokenRequest request) {
        return false;
    }

    @Override
    public AuthenticatedClient authenticate(TokenRequest request, Client client) {
        ClientCertificate presented = CertificateChecks.presented(request, client, method());
        String thumbprint = presented.thumbprint();
        boolean registered = client.jwks().stream()
                .flatMap(set -> set.getKeys().stream())
                .map(JWK::getX509CertChain)
                .filter(chain -> chain != null && !chain.isEmpty())
                .map(chain -> X509CertUtils.parse(chain.get(0).decode()))
                .filter(c -> c != null)
                .map((X509Certificate c) -> Thumbprints.x5tS256(c))
                .anyMatch(thumbprint::equals);
        if (!registered) {
            throw OAuth2Exception.invalidClient("client certificate " + presented.describe()
                    + " is not among the certificates registered in the JWKS of client " + client.clientId());
        }
        CertificateChecks.validate(validator, presented, CertificateValidator.Purpose.PINNED, client);
        return new AuthenticatedClient(client, method(), Optional.of(presented));
    }
}
