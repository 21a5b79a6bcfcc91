package io.tokengate.it.container;

import io.tokengate.config.AuthorizationServerConfig;
import io.tokengate.endpoint.AuthorizationServer;
import io.tokengate.endpoint.IntrospectionEndpointFilter;
import io.tokengate.endpoint.MetadataEndpointFilter;
import io.tokengate.endpoint.RevocationEndpointFilter;
import io.tokengate.endpoint.TokenEndpointFilter;
import io.tokengate.registry.ApplicationRole;
import io.tokengate.registry.Client;
import io.tokengate.registry.ClientAuthMethod;
import io.tokengate.registry.InMemoryRegistry;
import io.tokengate.registry.ResourceServer;
import io.tokengate.registry.SecretHash;
import io.tokengate.testing.TestUsers;
import jakarta.servlet.DispatcherType;
import java.security.KeyStore;
import java.security.cert.CRL;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import javax.net.ssl.TrustManager;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * A real Tokengate authorization server for the container tests: {@link AuthorizationServer}
 * with its token, metadata/JWKS, revocation and introspection filters in Jetty 12 over TLS on
 * port 0 (client certificates wanted, any accepted in the handshake, judged by the filters). Its
 * keys come from a {@link RotatingSigningKeySource}. Registered:
 * <ul>
 * <li>{@value #APP_CLIENT}: {@code client_secret_basic}, {@code client_credentials},
 *     {@code password} and {@code refresh_token}, granted the read and write scopes of
 *     {@link BearerWebApp#AUDIENCE}; the user {@value #USER} may sign in with it;</li>
 * <li>the resource server itself, under its audience {@link BearerWebApp#AUDIENCE} as client id
 *     (so introspection shows it the tokens meant for it), with {@code client_secret_basic} and
 *     {@value #RS_SECRET}, or {@code tls_client_auth} with the given certificate imported.</li>
 * </ul>
 */
final class TestAuthorizationServer implements AutoCloseable {
    static final String APP_CLIENT = "orders-app";
    static final String APP_SECRET = "app-secret-0123456789abcdefghijkl";
    static final String RS_SECRET = "rs-secret-0123456789abcdefghijklm";
    /** The one resource owner, with password {@link TestUsers#PASSWORD}. */
    static final String USER = "alice";

    private final Server server;
    private final String issuer;
    private final RotatingSigningKeySource keys;

    private TestAuthorizationServer(Server server, String issuer, RotatingSigningKeySource keys) {
        this.server = server;
        this.issuer = issuer;
        this.keys = keys;
    }

    /**
     * @param keyStore         the TLS server key entry {@code alias} for {@code localhost}
     * @param rsCertificate    the certificate the resource server presents for {@code tls_client_auth}
     */
    static TestAuthorizationServer start(KeyStore keyStore, String password, X509Certificate rsCertificate)
            throws Exception {
        SslContextFactory.Server tls = new SslContextFactory.Server() {
            @Override
            protected TrustManager[] getTrustManagers(KeyStore trustStore, Collection<? extends CRL> crls) {
                return new TrustManager[] {new AnyClientCertificateTrustManager()};
            }
        };
        tls.setKeyStore(keyStore);
        tls.setKeyStorePassword(password);
        tls.setWantClientAuth(true);
        HttpConfiguration http = new HttpConfiguration();
        http.addCustomizer(new SecureRequestCustomizer());
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server, new SslConnectionFactory(tls, "http/1.1"),
                new HttpConnectionFactory(http));
        connector.setHost("localhost");
        connector.setPort(0);
        server.addConnector(connector);
        connector.open();
        String issuer = "https://localhost:" + connector.getLocalPort();

        RotatingSigningKeySource keys = new RotatingSigningKeySource();
        InMemoryRegistry registry = new InMemoryRegistry(List.of(
                Client.builder(APP_CLIENT).grantType("client_credentials").grantType("password").grantType("refresh_token")
                        .authMethod(ClientAuthMethod.CLIENT_SECRET_BASIC).secretHash(SecretHash.sha256Of(APP_SECRET))
                        .role("reader").role("writer").build(),
                Client.builder(BearerWebApp.AUDIENCE).authMethod(ClientAuthMethod.CLIENT_SECRET_BASIC)
                        .secretHash(SecretHash.sha256Of(RS_SECRET)).authMethod(ClientAuthMethod.TLS_CLIENT_AUTH)
                        .certificate(rsCertificate).build()),
                List.of(new ApplicationRole("reader", Set.of(BearerWebApp.READ_SCOPE)),
                        new ApplicationRole("writer", Set.of(BearerWebApp.WRITE_SCOPE))),
                List.of(new ResourceServer(BearerWebApp.AUDIENCE, Set.of(".read", ".write"))));
        AuthorizationServer as = AuthorizationServer.builder(AuthorizationServerConfig.builder(issuer).build())
                .clients(registry).resources(registry).keys(keys)
                .users(TestUsers.directory(TestUsers.user(USER))).build();
        ServletContextHandler context = new ServletContextHandler("/");
        EnumSet<DispatcherType> requests = EnumSet.of(DispatcherType.REQUEST);
        context.addFilter(new FilterHolder(new TokenEndpointFilter(as)), "/*", requests);
        context.addFilter(new FilterHolder(new MetadataEndpointFilter(as)), "/*", requests);
        context.addFilter(new FilterHolder(new RevocationEndpointFilter(as)), "/*", requests);
        context.addFilter(new FilterHolder(new IntrospectionEndpointFilter(as)), "/*", requests);
        server.setHandler(context);
        server.setStopTimeout(1000);
        server.start();
        return new TestAuthorizationServer(server, issuer, keys);
    }

    /** {@code https://localhost:PORT}, the {@code iss} of its tokens. */
    String issuer() {
        return issuer;
    }

    String tokenEndpoint() {
        return issuer + "/oauth2/v1/token";
    }

    String revocationEndpoint() {
        return issuer + "/oauth2/v1/revoke";
    }

    /** A new signing key for every token from now on; the old one stays published. */
    String rotateKey() {
        return keys.rotate().keyId();
    }

    String currentKeyId() {
        return keys.current().keyId();
    }

    @Override
    public void close() throws Exception {
        try {
            server.stop();
        } catch (java.util.concurrent.TimeoutException e) {
            // idle keep-alive connections outlived the graceful-stop time; the server is stopped anyway
        }
    }
}
