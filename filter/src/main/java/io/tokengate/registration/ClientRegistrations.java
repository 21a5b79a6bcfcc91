package io.tokengate.registration;

import static io.tokengate.registration.ClientMetadataParser.invalid;

import io.tokengate.error.ErrorCode;
import io.tokengate.error.OAuth2Exception;
import io.tokengate.registry.ApplicationType;
import io.tokengate.registry.Client;
import io.tokengate.registry.ClientAuthMethod;
import io.tokengate.registry.ClientStore;
import io.tokengate.registry.ClientType;
import io.tokengate.registry.SecretHash;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one path by which client profiles are created, read, changed and removed (RFC 7591 §3,
 * RFC 7592 §2): the registration endpoint and the demo's seed data both go through it. Metadata
 * left out takes these defaults: {@code application_type} confidential; {@code client_type}
 * confidential, or public for a mobile application; {@code token_endpoint_auth_methods}
 * {@code ["client_secret_basic"]} as in RFC 7591 §2, or {@code ["none"]} for a mobile application;
 * {@code grant_types} and {@code roles} none; {@code client_id} 128 random bits, base64url. When a
 * secret method is registered the server issues the secret: 256 random bits, base64url, returned
 * once and stored only as its {@code {sha256}} hash. An update replaces the whole profile and keeps
 * the current secret while a secret method stays registered. Each operation is checked by
 * {@link RegistrationRules} before the {@link ClientStore} sees it, so nothing invalid is ever
 * stored, and is one atomic store operation. Thread-safe.
 */
public final class ClientRegistrations {
    private static final Logger LOG = LoggerFactory.getLogger(ClientRegistrations.class);

    private final ClientStore store;
    private final RegistrationRules rules;
    private final SecureRandom random;
    private final Clock clock;

    public ClientRegistrations(ClientStore store, RegistrationRules rules, SecureRandom random, Clock clock) {
        this.store = store;
        this.rules = rules;
        this.random = random;
        this.clock = clock;
    }

    /** @throws OAuth2Exception {@code invalid_client_metadata} for a refused profile or a client id already registered */
    public Registration create(ClientMetadata metadata) {
        if (metadata.clientSecret().isPresent()) {
            throw invalid("client_secret is issued by the server (RFC 7591 §3.2.1); leave it out of the registration");
        }
        String clientId = metadata.clientId().orElseGet(() -> randomBase64Url(16));
        Optional<String> secret = needsSecret(metadata) ? Optional.of(randomBase64Url(32)) : Optional.empty();
        Client client = build(clientId, metadata, secret.map(SecretHash::sha256Of));
        rules.check(client);
        if (!store.create(client)) {
            throw invalid("client_id '" + clientId + "' is already registered; choose another, or update it with PUT");
        }
        LOG.info("Registered client {}: {}", clientId, describe(client));
        return new Registration(client, secret, Optional.of(clock.instant()));
    }

    public Optional<Client> read(String clientId) {
        return store.findClient(clientId);
    }

    /** Every registered client, ordered by client id. */
    public List<Client> list() {
        return store.list();
    }

    /**
     * Replaces the profile of {@code clientId} (RFC 7592 §2.2). A {@code client_id} in the metadata
     * must be {@code clientId}; a {@code client_secret} must be the current secret.
     *
     * @throws OAuth2Exception 404 when no such client is registered, {@code invalid_client_metadata} otherwise
     */
    public Registration update(String clientId, ClientMetadata metadata) {
        Client current = store.findClient(clientId).orElseThrow(() -> notFound(clientId));
        if (metadata.clientId().isPresent() && !metadata.clientId().get().equals(clientId)) {
            throw invalid("client_id '" + metadata.clientId().get() + "' in the body differs from the client '" + clientId
                    + "' being updated; a client id cannot change (RFC 7592 §2.2)");
        }
        if (metadata.clientSecret().isPresent()
                && !current.secretHash().map(h -> h.matches(metadata.clientSecret().get())).orElse(false)) {
            throw invalid("client_secret is not the current secret of client " + clientId
                    + "; leave it out, a secret cannot be chosen (RFC 7592 §2.2)");
        }
        Optional<String> secret = Optional.empty();
        Optional<SecretHash> hash = Optional.empty();
        if (needsSecret(metadata)) {
            hash = current.secretHash();
            if (hash.isEmpty()) {
                secret = Optional.of(randomBase64Url(32));
                hash = secret.map(SecretHash::sha256Of);
            }
        }
        Client client = build(clientId, metadata, hash);
        rules.check(client);
        if (!store.update(client)) {
            throw notFound(clientId);
        }
        LOG.info("Updated client {}: {}", clientId, describe(client));
        return new Registration(client, secret, Optional.empty());
    }

    /** @throws OAuth2Exception 404 when no such client is registered */
    public void delete(String clientId) {
        if (!store.delete(clientId)) {
            throw notFound(clientId);
        }
        LOG.info("Deleted client {}", clientId);
    }

    static OAuth2Exception notFound(String clientId) {
        return new OAuth2Exception(ErrorCode.INVALID_REQUEST, "no client '" + clientId + "' is registered", 404);
    }

    private Client build(String clientId, ClientMetadata m, Optional<SecretHash> secretHash) {
        ApplicationType applicationType = m.applicationType().orElse(ApplicationType.CONFIDENTIAL);
        boolean mobile = applicationType == ApplicationType.MOBILE;
        Client.Builder b = Client.builder(clientId).applicationType(applicationType)
                .clientType(m.clientType().orElse(mobile ? ClientType.PUBLIC : ClientType.CONFIDENTIAL));
        m.grantTypes().forEach(b::grantType);
        authMethods(m).forEach(b::authMethod);
        m.certificate().ifPresent(b::certificate);
        m.certificateSubject().ifPresent(b::certificateSubject);
        m.jwks().ifPresent(b::jwks);
        secretHash.ifPresent(b::secretHash);
        m.roles().forEach(b::role);
        return b.build();
    }

    private static List<ClientAuthMethod> authMethods(ClientMetadata m) {
        if (!m.authMethods().isEmpty()) {
            return m.authMethods();
        }
        return m.applicationType().orElse(ApplicationType.CONFIDENTIAL) == ApplicationType.MOBILE
                ? List.of(ClientAuthMethod.NONE) : List.of(ClientAuthMethod.CLIENT_SECRET_BASIC);
    }

    private static boolean needsSecret(ClientMetadata m) {
        List<ClientAuthMethod> methods = authMethods(m);
        return methods.contains(ClientAuthMethod.CLIENT_SECRET_BASIC) || methods.contains(ClientAuthMethod.CLIENT_SECRET_POST);
    }

    private String randomBase64Url(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static String describe(Client c) {
        return c.applicationType().name().toLowerCase(java.util.Locale.ROOT) + " application, client type "
                + c.clientType().name().toLowerCase(java.util.Locale.ROOT) + ", grants " + c.grantTypes().stream().sorted().toList()
                + ", methods " + c.authMethods().stream().map(ClientAuthMethod::value).toList()
                + c.certificate().map(x -> ", certificate " + io.tokengate.cert.Certificates.describe(x)).orElse("")
                + ", roles " + c.roles().stream().sorted().toList();
    }
}
