package io.tokengate.endpoint;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tokengate.cert.Certificates;
import io.tokengate.cert.ClientCertificateResolver;
import io.tokengate.cert.PkixValidator;
import io.tokengate.clientauth.ClientAuthentication;
import io.tokengate.clientauth.ClientAuthenticator;
import io.tokengate.clientauth.ClientSecretBasicAuthenticator;
import io.tokengate.clientauth.ClientSecretPostAuthenticator;
import io.tokengate.clientauth.SelfSignedTlsClientAuthenticator;
import io.tokengate.clientauth.TlsClientAuthenticator;
import io.tokengate.config.AuthorizationServerConfig;
import io.tokengate.error.ErrorResponseWriter;
import io.tokengate.grant.ClientCredentialsGrantHandler;
import io.tokengate.grant.GrantHandler;
import io.tokengate.grant.ScopeResolver;
import io.tokengate.grant.TlsClientAuthGrantHandler;
import io.tokengate.registry.ClientRegistry;
import io.tokengate.registry.InMemoryRegistry;
import io.tokengate.registry.RegistryFile;
import io.tokengate.registry.ResourceRegistry;
import io.tokengate.registry.ResourceServer;
import io.tokengate.token.AccessTokenIssuer;
import io.tokengate.token.SigningKey;
import io.tokengate.token.SigningKeySource;
import io.tokengate.token.SigningKeys;
import io.tokengate.assertion.AssertionPolicy;
import io.tokengate.assertion.jwt.AssertionKeys;
import io.tokengate.assertion.jwt.JwksFetcher;
import io.tokengate.assertion.jwt.JwtAssertionVerifier;
import io.tokengate.clientauth.PrivateKeyJwtAuthenticator;
import io.tokengate.grant.JwtBearerGrantHandler;
import io.tokengate.grant.UserTokenMinter;
import io.tokengate.registry.TrustedIssuerRegistry;
import io.tokengate.replay.InMemoryReplayCache;
import io.tokengate.replay.ReplayCache;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Set;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The authorization server side, wired: registry, signing keys, client authenticators, grant
 * handlers, and the endpoints the filters serve. One instance per server; the filters of one web
 * application share it. Collaborators are passed in (constructor injection), so tests and
 * embedders can supply their own registry, keys and clock; {@link #fromConfig} reads them from
 * the configured files.
 */
public final class AuthorizationServer {
    private final AuthorizationServerConfig config;
    private final SigningKeySource keys;
    private final TokenEndpoint tokenEndpoint;
    private final ServerMetadata metadata;
    private final ErrorResponseWriter errors;

    public AuthorizationServer(AuthorizationServerConfig config, ClientRegistry clients, ResourceRegistry resources,
            SigningKeySource keys, List<X509Certificate> trustAnchors, Clock clock, SecureRandom random) {
        this(config, clients, resources, issuer -> Optional.empty(), keys, trustAnchors, clock, random);
    }

    public AuthorizationServer(AuthorizationServerConfig config, ClientRegistry clients, ResourceRegistry resources,
            TrustedIssuerRegistry issuers, SigningKeySource keys, List<X509Certificate> trustAnchors, Clock clock,
            SecureRandom random) {
        this.config = Objects.requireNonNull(config, "config");
        this.keys = Objects.requireNonNull(keys, "keys");
        AccessTokenIssuer issuer = new AccessTokenIssuer(config.issuer(), config.accessTokenLifetime(), keys, clock, random);
        ScopeResolver scopes = new ScopeResolver(resources);
        AssertionPolicy assertions = new AssertionPolicy(Set.of(config.issuer(), config.tokenEndpoint()),
                config.assertionMaxLifetime(), config.clockSkew());
        ReplayCache replay = new InMemoryReplayCache(clock, config.clockSkew());
        JwtAssertionVerifier jwtVerifier = new JwtAssertionVerifier(clock);
        AssertionKeys assertionKeys = new AssertionKeys(new JwksFetcher(HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build(),
                clock, Duration.ofMinutes(10), Duration.ofSeconds(30), Duration.ofSeconds(5)));
        UserTokenMinter userTokens = new UserTokenMinter(scopes, issuer, Optional.empty());
        List<GrantHandler> grants = List.of(
                new TlsClientAuthGrantHandler(scopes, issuer),
                new ClientCredentialsGrantHandler(scopes, issuer),
                new JwtBearerGrantHandler(issuers, assertionKeys, jwtVerifier, replay, assertions, userTokens));
        List<ClientAuthenticator> authenticators = List.of(
                new TlsClientAuthenticator(new PkixValidator(trustAnchors), clock),
                new SelfSignedTlsClientAuthenticator(clock),
                new ClientSecretBasicAuthenticator(),
                new ClientSecretPostAuthenticator(),
                new PrivateKeyJwtAuthenticator(jwtVerifier, assertionKeys, replay, assertions.audiences(),
                        assertions.maxLifetime(), assertions.skew()));
        this.errors = new ErrorResponseWriter(config.realm());
        this.tokenEndpoint = new TokenEndpoint(grants, new ClientAuthentication(clients, authenticators),
                new ClientCertificateResolver(config.trustedProxies()), errors, config.maxBodyBytes());
        this.metadata = new ServerMetadata(config, tokenEndpoint.grantTypes(),
                authenticators.stream().map(a -> a.method().value()).toList(),
                resources.resourceServers().stream().flatMap(r -> r.qualifiedScopes().stream()).sorted().toList(),
                new ObjectMapper());
    }

    /**
     * Builds the server from its configuration: the registry file, the signing key file (created
     * on first start) and the trust anchors file.
     *
     * @throws IllegalArgumentException naming the option or file entry that is wrong
     */
    public static AuthorizationServer fromConfig(AuthorizationServerConfig config) {
        InMemoryRegistry registry = config.registryFile()
                .map(new RegistryFile(new ObjectMapper())::load)
                .orElseGet(() -> new InMemoryRegistry(List.of(), List.of(), List.<ResourceServer>of()));
        Optional<Provider> provider = config.signingProvider() == AuthorizationServerConfig.SigningProvider.BOUNCY_CASTLE
                ? Optional.of(new BouncyCastleProvider()) : Optional.empty();
        SigningKeySource keys = config.signingKeyFile()
                .map(file -> SigningKeys.fromFile(file, config.signingAlgorithm(), provider))
                .orElseGet(() -> SigningKeys.fixed(new SigningKey(SigningKeys.generate(config.signingAlgorithm()),
                        config.signingAlgorithm(), provider)));
        List<X509Certificate> anchors = config.trustAnchorsFile().map(Certificates::read).orElse(List.of());
        return new AuthorizationServer(config, registry, registry, registry, keys, anchors, Clock.systemUTC(),
                new SecureRandom());
    }

    public AuthorizationServerConfig config() {
        return config;
    }

    public TokenEndpoint tokenEndpoint() {
        return tokenEndpoint;
    }

    public ServerMetadata metadata() {
        return metadata;
    }

    public SigningKeySource keys() {
        return keys;
    }

    ErrorResponseWriter errors() {
        return errors;
    }
}
