package io.tokengate.it.container;

import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CRL;
import java.util.Collection;
import java.util.Map;
import javax.net.ssl.TrustManager;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * Real Jetty 12 deploying a web application directory with the ee10 {@link WebAppContext}, behind
 * an HTTPS connector on port 0 that wants (does not need) a client certificate and accepts any
 * in the handshake: whether a certificate is good enough is the filter's to decide (RFC 8705 §3).
 * {@link SecureRequestCustomizer} publishes the certificate as
 * {@code jakarta.servlet.request.X509Certificate}.
 */
public final class JettyContainer implements ServletContainer {
    private final Server server;
    private final String baseUrl;

    private JettyContainer(Server server, String baseUrl) {
        this.server = server;
        this.baseUrl = baseUrl;
    }

    /** Starts Jetty serving {@code webapp} at the root context with the key entry of {@code keyStore}. */
    public static JettyContainer start(Path webapp, KeyStore keyStore, String password) throws Exception {
        return start(Map.of("/", webapp), keyStore, password);
    }

    /** Starts Jetty serving each web application directory at its context path ({@code /} or {@code /name}). */
    public static JettyContainer start(Map<String, Path> webapps, KeyStore keyStore, String password) throws Exception {
        SslContextFactory.Server tls = new SslContextFactory.Server() {
            /** Any client certificate passes the handshake ({@code setTrustAll} does not apply to a server's PKIX checks). */
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

        ContextHandlerCollection contexts = new ContextHandlerCollection();
        webapps.forEach((path, webapp) -> {
            WebAppContext context = new WebAppContext();
            context.setContextPath(path);
            context.setBaseResourceAsPath(webapp);
            context.setParentLoaderPriority(true);
            context.setThrowUnavailableOnStartupException(true);
            contexts.addHandler(context);
        });
        server.setHandler(contexts);
        server.start();
        return new JettyContainer(server, "https://localhost:" + connector.getLocalPort());
    }

    @Override
    public String baseUrl() {
        return baseUrl;
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
