package io.tokengate.endpoint;

import io.tokengate.assertion.AssertionPolicy;
import io.tokengate.assertion.jwt.AssertionKeys;
import io.tokengate.assertion.jwt.JwksFetcher;
import io.tokengate.assertion.jwt.JwtAssertionVerifier;
import io.tokengate.assertion.saml.SamlBearerAssertionValidator;
import io.tokengate.assertion.saml.SamlBearerValidationSettings;
import io.tokengate.cert.validation.CertificateValidator;
import io.tokengate.clientauth.ClientAuthentication;
import io.tokengate.clientauth.ClientAuthenticator;
import io.tokengate.clientauth.ClientSecretBasicAuthenticator;
import io.tokengate.clientauth.ClientSecretPostAuthenticator;
import io.tokengate.clientauth.PrivateKeyJwtAuthenticator;
import io.tokengate.clientauth.SelfSignedTlsClientAuthenticator;
import io.tokengate.clientauth.TlsClientAuthenticator;
import io.tokengate.config.AuthorizationServerConfig;
import io.tokengate.grant.ClientCredentialsGrantHandler;
import io.tokengate.grant.GrantHandler;
import io.tokengate.grant.JwtBearerGrantHandler;
import io.tokengate.grant.PasswordGrantHandler;
import io.tokengate.grant.RefreshTokenGrantHandler;
import io.tokengate.grant.SamlBearerGrantHandler;
import io.tokengate.grant.ScopeResolver;
import io.tokengate.grant.TlsClientAuthGrantHandler;
import io.tokengate.grant.UserTokenMinter;
import io.tokengate.refresh.RefreshTokenStore;
import io.tokengate.refresh.RefreshTokens;
import io.tokengate.registry.ClientRegistry;
import io.tokengate.registry.ResourceRegistry;
import io.tokengate.registry.TrustedIssuer;
import io.tokengate.registry.TrustedIssuerRegistry;
import io.tokengate.replay.ReplayCache;
import io.tokengate.token.AccessTokenIssuer;
import io.tokengate.token.SigningKeySource;
import io.tokengate.user.LoginThrottle;
import io.tokengate.user.PasswordHasher;
import io.tokengate.user.UserDirectory;
import java.net.URI;
import java.net.http.HttpClient;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Builds the token endpoint's pieces from the collaborators: one authenticator per client
 * authentication method and one handler per grant, sharing the token issuer, scope resolver,
 * replay cache and refresh tokens. Kept apart from {@link AuthorizationServer} so that each of the
 * two has one job.
 */
final class ServerWiring {
    /** Where a SAML identity provider may address assertions, as Oracle Identity Cloud Service publishes it. */
    static final String SAML_SP_SSO_PATH = "/fed/v1/sp/sso";

    private final List<ClientAuthenticator> authenticators;
    private final List<GrantHandler> grants;
    private final ClientAuthentication clientAuthentication;
    private final RefreshTokens refreshTokens;

    ServerWiring(AuthorizationServerConfig config, ClientRegistry clients, ResourceRegistry resources,
            TrustedIssuerRegistry issuers, UserDirectory users, RefreshTokenStore refreshTokenStore, ReplayCache replay,
            SigningKeySource keys, CertificateValidator certificates, Clock clock, SecureRandom random) {
        AccessTokenIssuer issuer = new AccessTokenIssuer(config.issuer(), config.accessTokenLifetime(), keys, clock, random);
        ScopeResolver scopes = new ScopeResolver(resources);
        Set<String> audiences = new java.util.HashSet<>(Set.of(config.issuer(), config.tokenEndpoint()));
        config.mtlsBaseUrl().ifPresent(base -> audiences.add(base + config.tokenPath()));
        AssertionPolicy assertions = new AssertionPolicy(audiences, config.assertionMaxLifetime(), config.clockSkew());
        JwtAssertionVerifier jwtVerifier = new JwtAssertionVerifier(clock);
        AssertionKeys assertionKeys = new AssertionKeys(new JwksFetcher(HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build(),
                clock, Duration.ofMinutes(10), Duration.ofSeconds(30), Duration.ofSeconds(5)));
        this.refreshTokens = new RefreshTokens(refreshTokenStore, config.refreshTokenLifetime(),
                config.refreshTokenFamilyLifetime(), clock, random);
        UserTokenMinter userTokens = new UserTokenMinter(scopes, issuer, Optional.of(refreshTokens));
        UserTokenMinter assertionTokens = !config.assertionSubjectsMustExist() ? userTokens
                : new UserTokenMinter(scopes, issuer, Optional.of(refreshTokens),
                        subject -> users.find(subject).map(io.tokengate.user.User::enabled).orElse(false));
        this.authenticators = List.of(
                new TlsClientAuthenticator(certificates),
                new SelfSignedTlsClientAuthenticator(certificates),
                new ClientSecretBasicAuthenticator(),
                new ClientSecretPostAuthenticator(),
                new PrivateKeyJwtAuthenticator(jwtVerifier, assertionKeys, replay, assertions.audiences(),
                        assertions.maxLifetime(), assertions.skew()));
        List<GrantHandler> served = new java.util.ArrayList<>(List.of(
                new TlsClientAuthGrantHandler(scopes, issuer),
                new ClientCredentialsGrantHandler(scopes, issuer),
                new PasswordGrantHandler(users, PasswordHasher.withDefaults(random), LoginThrottle.withDefaults(clock),
                        userTokens),
                new RefreshTokenGrantHandler(refreshTokens, resources, issuer),
                new JwtBearerGrantHandler(issuers, assertionKeys, jwtVerifier, replay, assertions, assertionTokens)));
        samlSettings(config, issuers, clients).ifPresent(settings -> served.add(new SamlBearerGrantHandler(
                new SamlBearerAssertionValidator(settings, clock, new io.tokengate.assertion.saml.OpenSaml(),
                        id -> trustedClientCertificate(clients, id)), clients, replay, assertions, assertionTokens, clock)));
        this.grants = List.copyOf(served);
        this.clientAuthentication = new ClientAuthentication(clients, authenticators);
    }

    /**
     * The recipients and audiences RFC 7522 §3 asks for, and the SAML issuers of the registry
     * (external identity providers); empty when there is none and no Trusted client with a
     * certificate is registered, and then the SAML bearer grant is not served (nor OpenSAML
     * started). Trusted clients signing with their own certificate are looked up in the registry
     * on each assertion ({@link #trustedClientCertificate}), so one registered, changed or deleted
     * while the server runs is trusted, changed or distrusted at once.
     */
    private static Optional<SamlBearerValidationSettings> samlSettings(AuthorizationServerConfig config,
            TrustedIssuerRegistry issuers, ClientRegistry clients) {
        URI issuerUri = URI.create(config.issuer());
        String domainRoot = issuerUri.getScheme() + "://" + issuerUri.getAuthority() + "/";
        SamlBearerValidationSettings.Builder b = SamlBearerValidationSettings.builder()
                .acceptRecipients(config.issuer(), domainRoot, samlSpSsoEndpoint(config), config.tokenEndpoint())
                .acceptAudiences(config.mtlsBaseUrl().map(base -> new String[] {config.issuer(), config.tokenEndpoint(),
                        base + config.tokenPath()}).orElse(new String[] {config.issuer(), config.tokenEndpoint()}))
                .clockSkew(config.clockSkew());
        config.mtlsBaseUrl().ifPresent(base -> b.acceptRecipients(base + config.tokenPath()));
        issuers.trustedIssuers().stream().filter(i -> i.type() == TrustedIssuer.Type.SAML)
                .forEach(i -> b.trustIssuer(i.issuer(), i.certificates()));
        boolean any = issuers.trustedIssuers().stream().anyMatch(i -> i.type() == TrustedIssuer.Type.SAML);
        java.util.Collection<io.tokengate.registry.Client> known = clients instanceof io.tokengate.registry.ClientStore store
                ? store.list() : clients instanceof io.tokengate.registry.InMemoryRegistry registry ? registry.clients()
                : List.of();
        any |= known.stream().anyMatch(c -> trustedClientCertificate(clients, c.clientId()).size() > 0);
        return any ? Optional.of(b.build()) : Optional.empty();
    }

    /** The imported certificate of a registered Trusted client, which may sign SAML assertions as issuer {@code clientId}. */
    private static List<X509Certificate> trustedClientCertificate(ClientRegistry clients, String clientId) {
        return clients.findClient(clientId).filter(c -> c.clientType() == io.tokengate.registry.ClientType.TRUSTED)
                .flatMap(io.tokengate.registry.Client::certificate).map(List::of).orElse(List.of());
    }

    /** The {@code secure_saml_sp_sso_endpoint} published in the discovery documents. */
    static String samlSpSsoEndpoint(AuthorizationServerConfig config) {
        return config.mtlsBaseUrl().orElse(config.issuer()) + SAML_SP_SSO_PATH;
    }

    List<GrantHandler> grants() {
        return grants;
    }

    RefreshTokens refreshTokens() {
        return refreshTokens;
    }

    ClientAuthentication clientAuthentication() {
        return clientAuthentication;
    }

    List<String> authMethods() {
        return authenticators.stream().map(a -> a.method().value()).toList();
    }
}
