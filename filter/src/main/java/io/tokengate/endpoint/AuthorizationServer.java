package io.tokengate.endpoint;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tokengate.cert.Certificates;
import io.tokengate.cert.ClientCertificateResolver;
import io.tokengate.cert.validation.CachingCertificateValidator;
import io.tokengate.cert.validation.CertificateImportCheck;
import io.tokengate.cert.validation.CertificateTrustConfig;
import io.tokengate.cert.validation.CertificateValidator;
import io.tokengate.registry.CertificateTrust;
import io.tokengate.registry.ClientProfiles;
import io.tokengate.config.AuthorizationServerConfig;
import io.tokengate.error.ErrorResponseWriter;
import io.tokengate.refresh.InMemoryRefreshTokenStore;
import io.tokengate.refresh.RefreshTokenStore;
import io.tokengate.grant.GrantHandler;
import io.tokengate.registration.AdminCredential;
import io.tokengate.registration.ClientMetadataParser;
import io.tokengate.registration.ClientMetadataWriter;
import io.tokengate.registration.ClientRegistrations;
import io.tokengate.registration.GrantCatalog;
import io.tokengate.registration.RegistrationEndpoint;
import io.tokengate.registration.RegistrationRules;
import io.tokengate.registry.ClientRegistry;
import io.tokengate.registry.ClientStore;
import io.tokengate.registry.InMemoryClientStore;
import io.tokengate.registry.InMemoryRegistry;
import io.tokengate.registry.RegistryFile;
import io.tokengate.registry.ResourceRegistry;
import io.tokengate.registry.TrustedIssuerRegistry;
import io.tokengate.replay.InMemoryReplayCache;
import io.tokengate.replay.ReplayCache;
import io.tokengate.resource.BearerErrorWriter;
import io.tokengate.revocation.AccessTokenDenylist;
import io.tokengate.revocation.InMemoryAccessTokenDenylist;
import io.tokengate.token.OwnAccessTokens;
import io.tokengate.token.SigningKey;
import io.tokengate.token.SigningKeySource;
import io.tokengate.token.SigningKeys;
import io.tokengate.user.UserDirectory;
import io.tokengate.user.UserFile;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The authorization server side, wired: registry, trusted issuers, users, refresh tokens, replay
 * cache, signing keys, the denylist of revoked access tokens, the client authenticators and grant handlers ({@link ServerWiring}), and
 * the endpoints the filters serve. One instance per server; the filters of one web application
 * share it. Every collaborator can be supplied through {@link #builder}; what is not supplied
 * comes from the configuration's files or an in-memory default. {@link #fromConfig} reads all of
 * it from the configured files, and keeps the registry file's clients in an in-memory
 * {@link ClientStore}, where the registration API (RFC 7591/7592, {@link #registrations}) adds,
 * changes and removes clients that the token endpoint sees on its next request.
 */
public final class AuthorizationServer implements AutoCloseable {
    private final AuthorizationServerConfig config;
    private final SigningKeySource keys;
    private final TokenEndpoint tokenEndpoint;
    private final RevocationEndpoint revocationEndpoint;
    private final IntrospectionEndpoint introspectionEndpoint;
    private final AccessTokenDenylist denylist;
    private final ServerMetadata metadata;
    private final ClientRegistry clients;
    private final List<AutoCloseable> closing;
    private final CertificateValidator certificateValidator;
    private final Optional<ClientRegistrations> registrations;
    private final Optional<RegistrationEndpoint> registrationEndpoint;

    private AuthorizationServer(Builder b) {
        this.config = b.config;
        this.keys = b.keys;
        this.clients = b.clients;
        this.closing = List.copyOf(b.closing);
        this.certificateValidator = b.certificateValidator;
        ServerWiring wiring = new ServerWiring(b.config, b.clients, b.resources, b.issuers, b.users,
                b.refreshTokenStore, b.replayCache, b.keys, b.certificateValidator, b.clock, b.random);
        ClientCertificateResolver certificates = new ClientCertificateResolver(config.trustedProxies());
        ErrorResponseWriter errors = new ErrorResponseWriter(config.realm());
        this.tokenEndpoint = new TokenEndpoint(wiring.grants(), wiring.clientAuthentication(), certificates, errors,
                config.maxBodyBytes());
        this.denylist = b.denylist;
        OwnAccessTokens accessTokens = new OwnAccessTokens(config.issuer(), b.keys, b.clock);
        this.revocationEndpoint = new RevocationEndpoint(wiring.clientAuthentication(), certificates, errors,
                config.maxBodyBytes(), accessTokens, wiring.refreshTokens(), denylist, b.clock, config.accessTokenLifetime());
        this.introspectionEndpoint = new IntrospectionEndpoint(wiring.clientAuthentication(), certificates, errors,
                config.maxBodyBytes(), config.issuer(), accessTokens, wiring.refreshTokens(), denylist,
                new ObjectMapper());
        this.metadata = new ServerMetadata(config, tokenEndpoint.grantTypes(), wiring.authMethods(),
                b.resources.resourceServers().stream().flatMap(r -> r.qualifiedScopes().stream()).sorted().toList(),
                new ObjectMapper());
        GrantCatalog grants = new GrantCatalog(tokenEndpoint.grantTypes(), wiring.grants().stream()
                .filter(GrantHandler::allowsPublicClients).map(GrantHandler::grantType).collect(Collectors.toSet()));
        this.registrations = Optional.ofNullable(b.clientStore).map(store -> new ClientRegistrations(store,
                new RegistrationRules(grants, b.resources, b.clock, CertificateImportCheck.using(b.certificateValidator)),
                b.random, b.clock));
        this.registrationEndpoint = config.registrationAdminTokenHash().map(hash -> new RegistrationEndpoint(
                registrations.orElseThrow(), new ClientMetadataParser(), new ClientMetadataWriter(new ObjectMapper()),
                new AdminCredential(hash), errors, new BearerErrorWriter(config.realm(), 0), config.registrationEndpoint(),
                config.maxBodyBytes()));
    }

    /**
     * A server whose trusted issuers are none, whose users come from the configured
     * {@code users-file}, and whose refresh tokens and replay records are kept in memory.
     */
    public AuthorizationServer(AuthorizationServerConfig config, ClientRegistry clients, ResourceRegistry resources,
            SigningKeySource keys, List<X509Certificate> trustAnchors, Clock clock, SecureRandom random) {
        this(builder(config).clients(clients).resources(resources).keys(keys).trustAnchors(trustAnchors)
                .clock(clock).random(random).withDefaults());
    }

    public static Builder builder(AuthorizationServerConfig config) {
        return new Builder(config);
    }

    /**
     * Builds the server from its configuration: the registry file (clients, roles, resource
     * servers, trusted issuers), the signing key file (created on first start), the trust anchors
     * file and the users file.
     *
     * @throws IllegalArgumentException naming the option or file entry that is wrong
     */
    public static AuthorizationServer fromConfig(AuthorizationServerConfig config) {
        return fromConfig(config, CertificateTrustConfig.defaults());
    }

    /**
     * As {@link #fromConfig(AuthorizationServerConfig)}, with client certificates validated as
     * {@code certificates} says: trust anchors from {@code trust-anchors-file} with its default
     * revocation policy, and the registry's {@code certificate_trust} section. Every certificate the
     * registry imports must pass that validation ({@link CertificateImportCheck#atLoad}: one that has
     * expired or been revoked since it was imported is only logged, and refused on use).
     *
     * @throws IllegalArgumentException naming the option, file entry or client certificate that is wrong
     */
    public static AuthorizationServer fromConfig(AuthorizationServerConfig config, CertificateTrustConfig certificates) {
        if (config.database().isPresent()) {
            return DatabaseServers.fromConfig(config, certificates);
        }
        RegistryFile file = new RegistryFile(new ObjectMapper());
        InMemoryRegistry registry = config.registryFile().map(file::load)
                .orElseGet(() -> new InMemoryRegistry(List.of(), List.of(), List.of()));
        CertificateTrust trust = config.registryFile()
                .map(f -> file.loadCertificateTrust(f, certificates.defaultPolicy())).orElse(CertificateTrust.none());
        List<X509Certificate> anchors = config.trustAnchorsFile().map(Certificates::read).orElse(List.of());
        CachingCertificateValidator validator = new CachingCertificateValidator(
                certificates.settings(anchors, trust.anchors(), trust.intermediates(), config.clockSkew()),
                Clock.systemUTC());
        CertificateImportCheck imports = CertificateImportCheck.atLoad(validator);
        for (var client : registry.clients()) {
            try {
                ClientProfiles.checkCertificates(client, imports);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("registry file " + config.registryFile().get() + ": "
                        + e.getMessage(), e);
            }
        }
        return builder(config).clientStore(new InMemoryClientStore(registry.clients())).resources(registry)
                .issuers(registry)
                .trustAnchors(anchors).certificateValidator(validator).build();
    }

    public AuthorizationServerConfig config() {
        return config;
    }

    public TokenEndpoint tokenEndpoint() {
        return tokenEndpoint;
    }

    /** The RFC 7009 revocation endpoint. */
    public RevocationEndpoint revocationEndpoint() {
        return revocationEndpoint;
    }

    /** The RFC 7662 introspection endpoint. */
    public IntrospectionEndpoint introspectionEndpoint() {
        return introspectionEndpoint;
    }

    /** The revoked access tokens; a resource server in the same process may consult it. */
    public AccessTokenDenylist denylist() {
        return denylist;
    }

    /**
     * The one path by which clients are registered, changed and removed (RFC 7591, RFC 7592):
     * present when the clients are kept in a {@link ClientStore}, also when the HTTP endpoint is off.
     */
    public Optional<ClientRegistrations> registrations() {
        return registrations;
    }

    /** The registration endpoint: present when {@code registration-admin-token-hash} is configured. */
    public Optional<RegistrationEndpoint> registrationEndpoint() {
        return registrationEndpoint;
    }

    public ServerMetadata metadata() {
        return metadata;
    }

    public SigningKeySource keys() {
        return keys;
    }

    /** The client registry; a {@link io.tokengate.registry.ClientStore} when the registry can be changed. */
    public ClientRegistry clients() {
        return clients;
    }

    /** Releases what the server opened (the database pool and its background thread); idempotent. */
    @Override
    public void close() {
        for (AutoCloseable c : closing) {
            try {
                c.close();
            } catch (Exception e) {
                org.slf4j.LoggerFactory.getLogger(AuthorizationServer.class).warn("Closing {} failed: {}", c, e.getMessage());
            }
        }
    }

    /** The validator every client certificate passes; the resource filter in the same process may use it too. */
    public CertificateValidator certificateValidator() {
        return certificateValidator;
    }

    /** What a certificate must pass to be imported into a client profile, e.g. by the registration API. */
    public CertificateImportCheck certificateImportCheck() {
        return CertificateImportCheck.using(certificateValidator);
    }

    /** Collects the collaborators; each is optional and defaults as the class Javadoc says. */
    public static final class Builder {
        private final AuthorizationServerConfig config;
        private ClientRegistry clients;
        private ClientStore clientStore;
        private ResourceRegistry resources;
        private TrustedIssuerRegistry issuers = TrustedIssuerRegistry.none();
        private UserDirectory users;
        private RefreshTokenStore refreshTokenStore;
        private ReplayCache replayCache;
        private AccessTokenDenylist denylist;
        private SigningKeySource keys;
        private List<X509Certificate> trustAnchors = List.of();
        private CertificateValidator certificateValidator;
        private Clock clock = Clock.systemUTC();
        private SecureRandom random;
        private final List<AutoCloseable> closing = new java.util.ArrayList<>();

        private Builder(AuthorizationServerConfig config) {
            this.config = Objects.requireNonNull(config, "config");
        }

        public Builder clients(ClientRegistry v) {
            clients = v;
            return this;
        }

        /**
         * Where clients are kept when they can be registered and changed: the token endpoint reads
         * them from here, so a client registered is usable by the next token request. Replaces
         * {@link #clients}.
         */
        public Builder clientStore(ClientStore v) {
            clientStore = v;
            clients = v;
            return this;
        }

        public Builder resources(ResourceRegistry v) {
            resources = v;
            return this;
        }

        public Builder issuers(TrustedIssuerRegistry v) {
            issuers = v;
            return this;
        }

        public Builder users(UserDirectory v) {
            users = v;
            return this;
        }

        public Builder refreshTokenStore(RefreshTokenStore v) {
            refreshTokenStore = v;
            return this;
        }

        public Builder replayCache(ReplayCache v) {
            replayCache = v;
            return this;
        }

        /** Where revoked access tokens are remembered; default in memory, expiring at each token's exp. */
        public Builder denylist(AccessTokenDenylist v) {
            denylist = v;
            return this;
        }

        public Builder keys(SigningKeySource v) {
            keys = v;
            return this;
        }

        public Builder trustAnchors(List<X509Certificate> v) {
            trustAnchors = List.copyOf(v);
            return this;
        }

        /**
         * Validates client certificates; default: a {@link CachingCertificateValidator} for
         * {@link #trustAnchors} with the default revocation policy (OCSP then CRL, failing closed).
         */
        public Builder certificateValidator(CertificateValidator v) {
            certificateValidator = v;
            return this;
        }

        public Builder clock(Clock v) {
            clock = v;
            return this;
        }

        public Builder random(SecureRandom v) {
            random = v;
            return this;
        }

        /** Something {@link AuthorizationServer#close()} closes, such as the stores' database. */
        public Builder closing(AutoCloseable v) {
            closing.add(Objects.requireNonNull(v, "closing"));
            return this;
        }

        /** @throws IllegalArgumentException when a configured file cannot be read or has a wrong entry */
        public AuthorizationServer build() {
            return new AuthorizationServer(withDefaults());
        }

        private Builder withDefaults() {
            if (clients == null) {
                clientStore = new InMemoryClientStore();
                clients = clientStore;
            } else if (clientStore == null && clients instanceof ClientStore store) {
                clientStore = store;
            }
            if (clientStore == null && config.registrationAdminTokenHash().isPresent()) {
                throw new IllegalArgumentException(AuthorizationServerConfig.REGISTRATION_ADMIN_TOKEN_HASH + " is set, but"
                        + " the clients are a read-only ClientRegistry; give the server a ClientStore to register them in");
            }
            if (clients == null || resources == null) {
                InMemoryRegistry empty = new InMemoryRegistry(List.of(), List.of(), List.of());
                clients = clients == null ? empty : clients;
                resources = resources == null ? empty : resources;
            }
            if (users == null) {
                users = config.usersFile().<UserDirectory>map(file -> UserFile.load(file, new ObjectMapper()))
                        .orElseGet(UserDirectory::none);
            }
            random = random == null ? new SecureRandom() : random;
            refreshTokenStore = refreshTokenStore == null ? new InMemoryRefreshTokenStore(clock) : refreshTokenStore;
            replayCache = replayCache == null ? new InMemoryReplayCache(clock, config.clockSkew()) : replayCache;
            keys = keys == null ? keysOf(config) : keys;
            denylist = denylist == null ? new InMemoryAccessTokenDenylist(clock) : denylist;
            if (certificateValidator == null) {
                certificateValidator = new CachingCertificateValidator(CertificateTrustConfig.defaults()
                        .settings(trustAnchors, List.of(), List.of(), config.clockSkew()), clock);
            }
            return this;
        }

        static Optional<Provider> providerOf(AuthorizationServerConfig config) {
            return config.signingProvider() == AuthorizationServerConfig.SigningProvider.BOUNCY_CASTLE
                    ? Optional.of(new BouncyCastleProvider()) : Optional.empty();
        }

        private static SigningKeySource keysOf(AuthorizationServerConfig config) {
            Optional<Provider> provider = providerOf(config);
            return config.signingKeyFile()
                    .map(file -> SigningKeys.fromFile(file, config.signingAlgorithm(), provider))
                    .orElseGet(() -> SigningKeys.fixed(new SigningKey(SigningKeys.generate(config.signingAlgorithm()),
                            config.signingAlgorithm(), provider)));
        }
    }
}
