package io.tokengate.registration;

import static io.tokengate.registration.ClientMetadataParser.invalid;

import io.tokengate.registry.ApplicationType;
import io.tokengate.registry.Client;
import io.tokengate.registry.ClientAuthMethod;
import io.tokengate.registry.ClientProfiles;
import io.tokengate.registry.ClientType;
import io.tokengate.registry.ResourceRegistry;
import java.time.Clock;
import java.util.Objects;

/**
 * Refuses a client profile that a registration must not store, with {@code invalid_client_metadata}
 * (RFC 7591 §3.2.2) saying what to fix. First the checks every profile passes, also those of the
 * registry file ({@link ClientProfiles}: each authentication method has its credential), then what
 * a registration adds, because it knows the running server:
 * <ul>
 *   <li>every grant in {@code grant_types} (which may be empty: a profile with no grant enabled yet) is served by the token endpoint;</li>
 *   <li>a mobile application is a public client ({@code client_type} public) and uses only grants
 *       open to public clients, so never {@code tls_client_auth} nor {@code client_credentials};
 *       a confidential application is trusted or confidential, never public;</li>
 *   <li>a trusted client has an imported {@code certificate}: it signs its assertions with that
 *       certificate's key, which a subject name alone cannot verify;</li>
 *   <li>the {@code tls_client_auth} grant needs a certificate-based authentication method;</li>
 *   <li>an imported certificate is not expired;</li>
 *   <li>every role in {@code roles} is an application role of the registry.</li>
 * </ul>
 * Thread-safe.
 */
public final class RegistrationRules {
    static final String TLS_CLIENT_AUTH_GRANT = "tls_client_auth";

    private final GrantCatalog grants;
    private final ResourceRegistry roles;
    private final Clock clock;
    private final io.tokengate.cert.validation.CertificateImportCheck certificates;

    public RegistrationRules(GrantCatalog grants, ResourceRegistry roles, Clock clock) {
        this(grants, roles, clock, io.tokengate.cert.validation.CertificateImportCheck.none());
    }

    /**
     * @param certificates what an imported certificate (and a JWKS's {@code x5c}) must pass: the
     *                     server's certificate validation (path, usage, revocation), as at registry load
     */
    public RegistrationRules(GrantCatalog grants, ResourceRegistry roles, Clock clock,
            io.tokengate.cert.validation.CertificateImportCheck certificates) {
        this.grants = Objects.requireNonNull(grants, "grants");
        this.roles = Objects.requireNonNull(roles, "roles");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.certificates = Objects.requireNonNull(certificates, "certificates");
    }

    /** @throws io.tokengate.error.OAuth2Exception {@code invalid_client_metadata} naming the member to fix */
    public void check(Client c) {
        for (String grant : c.grantTypes()) {
            if (!grants.served().contains(grant)) {
                throw invalid("grant_types entry '" + grant + "' is not a grant this server serves; it serves "
                        + grants.served());
            }
        }
        boolean mobile = c.applicationType() == ApplicationType.MOBILE;
        if (mobile && c.clientType() != ClientType.PUBLIC) {
            throw invalid("a mobile application is a public client: client_type must be 'public' or omitted, not '"
                    + name(c.clientType()) + "'");
        }
        if (!mobile && c.clientType() == ClientType.PUBLIC) {
            throw invalid("client_type 'public' is only for mobile applications; a confidential application is"
                    + " 'trusted' or 'confidential'");
        }
        if (mobile) {
            for (String grant : c.grantTypes()) {
                if (!grants.openToPublicClients().contains(grant)) {
                    throw invalid("a mobile application cannot use grant '" + grant + "': it has no certificate or"
                            + " secret to authenticate with; remove it from grant_types"
                            + (grants.openToPublicClients().isEmpty() ? " (no grant of this server is open to public clients)"
                                    : " (mobile applications may use " + grants.openToPublicClients() + ")"));
                }
            }
        }
        if (c.clientType() == ClientType.TRUSTED && c.certificate().isEmpty()) {
            throw invalid("a trusted client needs an imported 'certificate' (PEM): it signs its assertions with that"
                    + " certificate's key; import it, or register the client as client_type 'confidential'");
        }
        try {
            ClientProfiles.check(c);
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage());
        }
        if (c.isGrantEnabled(TLS_CLIENT_AUTH_GRANT) && c.authMethods().stream().noneMatch(ClientAuthMethod::isCertificateBased)) {
            throw invalid("grant 'tls_client_auth' authenticates the client by its certificate: token_endpoint_auth_methods"
                    + " must include tls_client_auth or self_signed_tls_client_auth");
        }
        c.certificate().ifPresent(certificate -> {
            if (certificate.getNotAfter().toInstant().isBefore(clock.instant())) {
                throw invalid("certificate " + io.tokengate.cert.Certificates.describe(certificate) + " expired at "
                        + certificate.getNotAfter().toInstant() + "; import a current certificate");
            }
        });
        for (String role : c.roles()) {
            if (roles.findRole(role).isEmpty()) {
                throw invalid("roles entry '" + role + "' is not an application role of this server");
            }
        }
        try {
            io.tokengate.registry.ClientProfiles.checkCertificates(c, certificates);
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage());
        }
    }

    private static String name(ClientType type) {
        return type.name().toLowerCase(java.util.Locale.ROOT);
    }
}
