package io.tokengate.registry;

import com.nimbusds.jose.jwk.JWKSet;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A registered client application, as its client profile holds it. Immutable; build one with
 * {@link #builder(String)}.
 *
 * @param clientId           the {@code client_id} (RFC 6749 §2.2)
 * @param applicationType    confidential or mobile
 * @param clientType         trusted, confidential or public
 * @param grantTypes         the grant types enabled for the client
 * @param authMethods        the token endpoint authentication methods registered for it, in order of preference
 * @param certificate        the certificate imported into the client profile, pinned by thumbprint
 * @param certificateSubject for PKI clients without an imported certificate: the DN or SAN their CA-issued certificate carries
 * @param jwks               for {@code self_signed_tls_client_auth}: the keys (with {@code x5c}) it registered
 * @param secretHash         the hashed client secret, for the secret methods
 * @param roles              the application roles granted to the client
 */
public record Client(
        String clientId,
        ApplicationType applicationType,
        ClientType clientType,
        Set<String> grantTypes,
        List<ClientAuthMethod> authMethods,
        Optional<X509Certificate> certificate,
        Optional<CertificateSubject> certificateSubject,
        Optional<JWKSet> jwks,
        Optional<SecretHash> secretHash,
        Set<String> roles) {

    public Client {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(applicationType, "applicationType");
        Objects.requireNonNull(clientType, "clientType");
        grantTypes = Set.copyOf(grantTypes);
        authMethods = List.copyOf(authMethods);
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(certificateSubject, "certificateSubject");
        Objects.requireNonNull(jwks, "jwks");
        Objects.requireNonNull(secretHash, "secretHash");
        roles = Set.copyOf(roles);
    }

    public static Builder builder(String clientId) {
        return new Builder(clientId);
    }

    public boolean isGrantEnabled(String grantType) {
        return grantTypes.contains(grantType);
    }

    public boolean hasAuthMethod(ClientAuthMethod method) {
        return authMethods.contains(method);
    }

    /** A mobile application or a public client: it cannot authenticate, so no confidential grant is open to it. */
    public boolean isPublic() {
        return applicationType == ApplicationType.MOBILE || clientType == ClientType.PUBLIC;
    }

    public Builder toBuilder() {
        Builder b = new Builder(clientId).applicationType(applicationType).clientType(clientType);
        grantTypes.forEach(b::grantType);
        authMethods.forEach(b::authMethod);
        certificate.ifPresent(b::certificate);
        certificateSubject.ifPresent(b::certificateSubject);
        jwks.ifPresent(b::jwks);
        secretHash.ifPresent(b::secretHash);
        roles.forEach(b::role);
        return b;
    }

    /** Builds a {@link Client}; every setter may be called once or more, the last value wins. */
    public static final class Builder {
        private final String clientId;
        private ApplicationType applicationType = ApplicationType.CONFIDENTIAL;
        private ClientType clientType = ClientType.CONFIDENTIAL;
        private final Set<String> grantTypes = new LinkedHashSet<>();
        private final List<ClientAuthMethod> authMethods = new ArrayList<>();
        private X509Certificate certificate;
        private CertificateSubject certificateSubject;
        private JWKSet jwks;
        private SecretHash secretHash;
        private final Set<String> roles = new LinkedHashSet<>();

        private Builder(String clientId) {
            this.clientId = clientId;
        }

        public Builder applicationType(ApplicationType value) {
            this.applicationType = value;
            return this;
        }

        public Builder clientType(ClientType value) {
            this.clientType = value;
            return this;
        }

        public Builder grantType(String value) {
            grantTypes.add(value);
            return this;
        }

        public Builder authMethod(ClientAuthMethod value) {
            if (!authMethods.contains(value)) {
                authMethods.add(value);
            }
            return this;
        }

        public Builder certificate(X509Certificate value) {
            this.certificate = value;
            return this;
        }

        public Builder certificateSubject(CertificateSubject value) {
            this.certificateSubject = value;
            return this;
        }

        public Builder jwks(JWKSet value) {
            this.jwks = value;
            return this;
        }

        public Builder secretHash(SecretHash value) {
            this.secretHash = value;
            return this;
        }

        public Builder role(String value) {
            roles.add(value);
            return this;
        }

        public Client build() {
            return new Client(clientId, applicationType, clientType, grantTypes, authMethods,
                    Optional.ofNullable(certificate), Optional.ofNullable(certificateSubject),
                    Optional.ofNullable(jwks), Optional.ofNullable(secretHash), roles);
        }
    }
}
