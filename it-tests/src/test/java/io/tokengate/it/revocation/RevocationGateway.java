package io.tokengate.it.revocation;

import io.tokengate.cert.validation.CertificateValidator;
import io.tokengate.config.AuthorizationServerConfig;
import io.tokengate.endpoint.AuthorizationServer;
import io.tokengate.endpoint.TokenEndpointFilter;
import io.tokengate.it.container.AnyClientCertificateTrustManager;
import io.tokengate.registry.InMemoryRegistry;
import io.tokengate.testing.IssuedCertificate;
import jakarta.servlet.DispatcherType;
import java.security.KeyStore;
import java.security.cert.CRL;
import java.security.cert.Certificate;
import java.time.Clock;
import java.util.Collection;
import java.util.EnumSet;
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
 * The token endpoint filter in real Jetty 12 over HTTPS on port 0, wanting client certificates and
 * accepting any in the handshake (the filter's validator judges them), with the registry, clock
 * and certificate validator the test gives.
 */
final class RevocationGateway implements AutoCloseable {
    private static final String PASSWORD = "changeit";

    private final Server server;
    private final String issuer;

    private RevocationGateway(Server server, String issuer) {
        this.server = server;
        this.issuer = issuer;
    }

    static RevocationGateway start(IssuedCertificate serverCertificate, InMemoryRegistry registry,
            CertificateValidator validator, Clock clock) throws Exception {
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        keyStore.load(null, null);
        keyStore.setKeyEntry("server", serverCertificate.privateKey(), PASSWORD.toCharArray(),
                serverCertificate.chain().toArray(Certificate[]::new));
        SslContextFactory.Server tls = new SslContextFactory.Server() {
            @Override
            protected TrustManager[] getTrustManagers(KeyStore trustStore, Collection<? extends CRL> crls) {
                return new TrustManager[] {new AnyClientCertificateTrustManager()};
            }
        };
        tls.setKeyStore(keyStore);
        tls.setKeyStorePassword(PASSWORD);
        tls.setWantClientAuth(true);
        HttpConfiguration http = new HttpConfiguration();
        SecureRequestCustomizer secure = new SecureRequestCustomizer();
        secure.setSniHostCheck(false);
        http.addCustomizer(secure);
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server, new SslConnectionFactory(tls, "http/1.1"),
                new HttpConnectionFactory(http));
        connector.setHost("localhost");
        connector.setPort(0);
        connector.open();
        server.addConnector(connector);
        String issuer = "https://localhost:" + connector.getLocalPort();
        AuthorizationServer authorizationServer = AuthorizationServer.builder(AuthorizationServerConfig.builder(issuer).build())
                .clients(registry).resources(registry).certificateValidator(validator).clock(clock).build();
        ServletContextHandler context = new ServletContextHandler("/");
        context.addFilter(new FilterHolder(new TokenEndpointFilter(authorizationServer)), "/*",
                EnumSet.of(DispatcherType.REQUEST));
        server.setHandler(context);
        server.setStopTimeout(1000);
        server.start();
        return new RevocationGateway(server, issuer);
    }

    String tokenEndpoint() {
        return issuer + "/oauth2/v1/token";
    }

    @Override
    public void close() throws Exception {
        try {
            server.stop();
        } catch (java.util.concurrent.TimeoutException e) {
            // idle keep-alive connections outlived the graceful stop
        }
    }
}
