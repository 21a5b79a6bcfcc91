package io.tokengate.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import io.tokengate.registry.ApplicationRole;
import io.tokengate.registry.ApplicationType;
import io.tokengate.registry.CertificateSubject;
import io.tokengate.registry.Client;
import io.tokengate.registry.ClientAuthMethod;
import io.tokengate.registry.ClientType;
import io.tokengate.registry.InMemoryRegistry;
import io.tokengate.registry.ResourceServer;
import io.tokengate.registry.SecretHash;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Client profiles for tests, returned as {@link Client.Builder}s so a test adds or changes what it
 * needs, and a small registry to put them in: one resource server {@value #AUDIENCE} with the
 * scopes {@code orders.read} and {@code orders.write}, the role {@value #READER_ROLE} granting the
 * first and {@value #WRITER_ROLE} granting the second. Every confidential profile is granted both
 * roles; the mobile profile none.
 */
public final class TestClients {
    public static final String AUDIENCE = "https://api.example.test/";
    public static final String ORDERS_READ = AUDIENCE + "orders.read";
    public static final String ORDERS_WRITE = AUDIENCE + "orders.write";
    public static final String READER_ROLE = "orders-reader";
    public static final String WRITER_ROLE = "orders-writer";
    /** The secret of {@link #secret(String)}: high-entropy, as the server generates them. */
    public static final String SECRET = "8Qe1v2GkZ0uJtN7yXr4hWc5sLp3bDm9a";
    public static final String TLS_CLIENT_AUTH_GRANT = "tls_client_auth";
    public static final String CLIENT_CREDENTIALS_GRANT = "client_credentials";
    public static final String PASSWORD_GRANT = "password";
    public static final String REFRESH_TOKEN_GRANT = "refresh_token";
    public static final String JWT_BEARER_GRANT = "urn:ietf:params:oauth:grant-type:jwt-bearer";

    private TestClients() {
    }

    /**
     * A confidential application with {@code certificate} imported into its profile: method
     * {@code tls_client_auth}, grants {@code tls_client_auth} and {@code client_credentials}.
     */
    public static Client.Builder withImportedCertificate(String clientId, X509Certificate certificate) {
        return confidential(clientId).authMethod(ClientAuthMethod.TLS_CLIENT_AUTH).certificate(certificate);
    }

    /**
     * A confidential PKI client registered by subject DN (RFC 8705 §2.1): method
     * {@code tls_client_auth}, grants {@code tls_client_auth} and {@code client_credentials}.
     */
    public static Client.Builder pkiBySubjectDn(String clientId, String subjectDn) {
        return pkiBy(clientId, new CertificateSubject(CertificateSubject.Type.SUBJECT_DN, subjectDn));
    }

    /** A confidential PKI client registered by a subject DN or SAN, like {@link #pkiBySubjectDn}. */
    public static Client.Builder pkiBy(String clientId, CertificateSubject subject) {
        return confidential(clientId).authMethod(ClientAuthMethod.TLS_CLIENT_AUTH).certificateSubject(subject);
    }

    /**
     * A confidential client with {@code self_signed_tls_client_auth} (RFC 8705 §2.2) whose JWKS holds
     * {@code certificate} in {@code x5c}; grants {@code tls_client_auth} and {@code client_credentials}.
     */
    public static Client.Builder selfSigned(String clientId, X509Certificate certificate) {
        return confidential(clientId).authMethod(ClientAuthMethod.SELF_SIGNED_TLS_CLIENT_AUTH).jwks(jwksOf(certificate));
    }

    /**
     * A confidential client with {@code private_key_jwt} (RFC 7523 §2.2) whose client assertions are
     * signed by the key of {@code certificate}, imported into its profile; grants
     * {@code client_credentials} and the JWT bearer grant.
     */
    public static Client.Builder privateKeyJwt(String clientId, X509Certificate certificate) {
        return Client.builder(clientId)
                .grantType(CLIENT_CREDENTIALS_GRANT)
                .grantType(JWT_BEARER_GRANT)
                .authMethod(ClientAuthMethod.PRIVATE_KEY_JWT)
                .certificate(certificate)
                .role(READER_ROLE)
                .role(WRITER_ROLE);
    }

    /** A confidential client with {@link #SECRET}; see {@link #secret(String, String)}. */
    public static Client.Builder secret(String clientId) {
        return secret(clientId, SECRET);
    }

    /**
     * A confidential client with {@code secret} stored as {@code {sha256}}: methods
     * {@code client_secret_basic} and {@code client_secret_post}, grant {@code client_credentials}.
     */
    public static Client.Builder secret(String clientId, String secret) {
        return Client.builder(clientId)
                .grantType(CLIENT_CREDENTIALS_GRANT)
                .authMethod(ClientAuthMethod.CLIENT_SECRET_BASIC)
                .authMethod(ClientAuthMethod.CLIENT_SECRET_POST)
                .secretHash(SecretHash.sha256Of(secret))
                .role(READER_ROLE)
                .role(WRITER_ROLE);
    }

    /**
     * A confidential client with {@link #SECRET} (methods {@code client_secret_basic} and
     * {@code client_secret_post}) that may use the {@code password} and {@code refresh_token} grants.
     */
    public static Client.Builder passwordClient(String clientId) {
        return secret(clientId).grantType(PASSWORD_GRANT).grantType(REFRESH_TOKEN_GRANT);
    }

    /** A mobile application: public client, method {@code none}, no grant and no role. */
    public static Client.Builder mobile(String clientId) {
        return Client.builder(clientId)
                .applicationType(ApplicationType.MOBILE)
                .clientType(ClientType.PUBLIC)
                .authMethod(ClientAuthMethod.NONE);
    }

    /** A JWK set with one EC key per certificate, each with that certificate as its {@code x5c}. */
    public static JWKSet jwksOf(X509Certificate... certificates) {
        List<JWK> keys = new ArrayList<>();
        for (X509Certificate c : certificates) {
            try {
                keys.add(ECKey.parse(c));
            } catch (JOSEException e) {
                throw new IllegalArgumentException("not an EC certificate: " + c.getSubjectX500Principal(), e);
            }
        }
        return new JWKSet(keys);
    }

    /** The resource server {@value #AUDIENCE} with {@code orders.read} and {@code orders.write}. */
    public static ResourceServer ordersApi() {
        return new ResourceServer(AUDIENCE, Set.of("orders.read", "orders.write"));
    }

    /** {@value #READER_ROLE} granting {@link #ORDERS_READ} and {@value #WRITER_ROLE} granting {@link #ORDERS_WRITE}. */
    public static List<ApplicationRole> roles() {
        return List.of(new ApplicationRole(READER_ROLE, Set.of(ORDERS_READ)),
                new ApplicationRole(WRITER_ROLE, Set.of(ORDERS_WRITE)));
    }

    /** A registry with these clients, {@link #roles()} and {@link #ordersApi()}. */
    public static InMemoryRegistry registry(Client... clients) {
        return registry(List.of(clients));
    }

    /** A registry with these clients, {@link #roles()} and {@link #ordersApi()}. */
    public static InMemoryRegistry registry(Collection<Client> clients) {
        return new InMemoryRegistry(clients, roles(), List.of(ordersApi()));
    }

    private static Client.Builder confidential(String clientId) {
        return Client.builder(clientId)
                .grantType(TLS_CLIENT_AUTH_GRANT)
                .grantType(CLIENT_CREDENTIALS_GRANT)
                .role(READER_ROLE)
                .role(WRITER_ROLE);
    }
}
