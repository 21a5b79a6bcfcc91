package io.tokengate.registration;

import com.nimbusds.jose.jwk.JWKSet;
import io.tokengate.registry.ApplicationType;
import io.tokengate.registry.CertificateSubject;
import io.tokengate.registry.ClientAuthMethod;
import io.tokengate.registry.ClientType;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The client metadata of one registration or update request (RFC 7591 §2 with our members), as
 * sent: members the request left out are empty, so {@link ClientRegistrations} can apply the
 * documented defaults. Immutable.
 *
 * @param clientId           the {@code client_id} the administrator chose; empty to have one generated
 * @param applicationType    {@code application_type}: confidential or mobile
 * @param clientType         {@code client_type}: trusted, confidential or public
 * @param grantTypes         {@code grant_types}, in the order sent, without repeats
 * @param authMethods        {@code token_endpoint_auth_method} or {@code token_endpoint_auth_methods}
 * @param certificate        {@code certificate}: the PEM certificate imported into the profile
 * @param certificateSubject one of {@code tls_client_auth_subject_dn} and {@code tls_client_auth_san_*} (RFC 8705 §2.1.2)
 * @param jwks               {@code jwks}: public keys only
 * @param roles              {@code roles}: the application roles granted
 * @param clientSecret       {@code client_secret}: only in an update, where it must be the current one (RFC 7592 §2.2)
 */
public record ClientMetadata(
        Optional<String> clientId,
        Optional<ApplicationType> applicationType,
        Optional<ClientType> clientType,
        List<String> grantTypes,
        List<ClientAuthMethod> authMethods,
        Optional<X509Certificate> certificate,
        Optional<CertificateSubject> certificateSubject,
        Optional<JWKSet> jwks,
        List<String> roles,
        Optional<String> clientSecret) {

    public ClientMetadata {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(applicationType, "applicationType");
        Objects.requireNonNull(clientType, "clientType");
        grantTypes = List.copyOf(grantTypes);
        authMethods = List.copyOf(authMethods);
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(certificateSubject, "certificateSubject");
        Objects.requireNonNull(jwks, "jwks");
        roles = List.copyOf(roles);
        Objects.requireNonNull(clientSecret, "clientSecret");
    }

    @Override
    public String toString() {
        return "ClientMetadata[" + clientId.orElse("(to be generated)") + ", grants " + grantTypes + ", methods "
                + authMethods + (clientSecret.isPresent() ? ", client_secret hidden" : "") + "]";
    }
}
