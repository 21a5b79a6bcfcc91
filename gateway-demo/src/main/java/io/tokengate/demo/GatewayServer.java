package io.tokengate.demo;

import io.tokengate.config.AuthorizationServerConfig;
import io.tokengate.endpoint.AuthorizationServer;
import io.tokengate.endpoint.MetadataEndpointFilter;
import io.tokengate.endpoint.TokenEndpointFilter;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The gateway: Jetty 12 over HTTPS (TLS 1.2 and 1.3) with client certificates wanted but not
 * needed, so certificate clients and secret clients share one port, serving the Tokengate
 * filters. The TLS layer accepts any client certificate; the filters decide whether it is the
 * one a client registered (RFC 8705 §2 leaves that to the authorization server, and
 * self-signed client certificates could not pass a CA check in the handshake).
 */
public final class GatewayServer implements AutoCloseable {
    private final Server server;
    private final String issuer;
    private final Path dataDirectory;
    private final AuthorizationServer authorizationServer;

    private GatewayServer(Server server, String issuer, Path dataDirectory, AuthorizationServer authorizationServer) {
        this.server = server;
        this.issuer = issuer;
        this.dataDirectory = dataDirectory;
        this.authorizationServer = authorizationServer;
    }

    /** Prepares the data directory on first use and starts the server. */
    public static GatewayServer start(DemoOptions options) throws Exception {
        Path data = options.dataDirectory().toAbsolutePath();
        DemoPki pki = new DemoPki(data);
        pki.ensure("CN=" + DemoSetup.CERTIFICATE_CLIENT_ID + ", O=Tokengate Demo");
        new DemoIdentities(data).ensure(pki);
        DemoSetup setup = new DemoSetup(data);
        setup.seedRegistry();
        DemoClients clients = new DemoClients(data);

        QueuedThreadPool threads = new QueuedThreadPool(200, 8);
        threads.setName("gateway");
        Server server = new Server(threads);
        ServerConnector connector = new ServerConnector(server,
                new SslConnectionFactory(tls(pki), "http/1.1"), new HttpConnectionFactory(httpConfiguration()));
        connector.setHost(options.bindAddress());
        connector.setPort(options.port());
        connector.open();
        String issuer = options.cluster().issuer().orElse("https://" + options.publicHost() + ":" + connector.getLocalPort());
        server.addConnector(connector);

        AuthorizationServer authorizationServer = AuthorizationServer.fromConfig(DemoStorage.configure(
                AuthorizationServerConfig.builder(issuer), data, options.cluster())
                .registryFile(data.resolve(DemoSetup.REGISTRY))
                .trustAnchorsFile(data.resolve(DemoPki.CA_CERT))
                .usersFile(data.resolve(DemoIdentities.USERS_FILE))
                .trustedProxies(io.tokengate.cert.TrustedProxies.of(options.trustedProxies()))
                .registrationPath(DemoClients.REGISTRATION_PATH)
                .registrationAdminTokenHash(clients.adminTokenHash())
                .build());
        clients.seed(authorizationServer.registrations().orElseThrow());
        ServletContextHandler context = new ServletContextHandler("/");
        EnumSet<DispatcherType> requests = EnumSet.of(DispatcherType.REQUEST);
        context.addFilter(new FilterHolder(new TokenEndpointFilter(authorizationServer)), "/*", requests);
        context.addFilter(new FilterHolder(new MetadataEndpointFilter(authorizationServer)), "/*", requests);
        context.addFilter(new FilterHolder(new io.tokengate.endpoint.RevocationEndpointFilter(authorizationServer)), "/*",
                requests);
        context.addFilter(new FilterHolder(new io.tokengate.endpoint.IntrospectionEndpointFilter(authorizationServer)), "/*",
                requests);
        context.addFilter(new FilterHolder(new io.tokengate.endpoint.RegistrationEndpointFilter(authorizationServer)), "/*",
                requests);
        io.tokengate.resource.ResourceServerConfig api = io.tokengate.resource.ResourceServerConfig
                .builder(issuer, DemoSetup.API_AUDIENCE)
                .realm("demo-api")
                .scopeRules(io.tokengate.resource.ScopeRules.parse("GET /api/*=" + DemoSetup.READ_SCOPE
                        + "; POST,PUT,DELETE /api/*=" + DemoSetup.WRITE_SCOPE))
                .trustedProxies(io.tokengate.cert.TrustedProxies.of(options.trustedProxies()))
                .build();
        java.time.Clock clock = java.time.Clock.systemUTC();
        if (options.cluster().rotateSigningKey()) {
            DemoStorage.rotate(authorizationServer);
        }
        // the API reads the keys the authorization server publishes now, so a rotated key is known at once
        io.tokengate.token.SigningKeySource keys = authorizationServer.keys();
        io.tokengate.resource.JwksKeySource apiKeys = new io.tokengate.resource.JwksKeySource(keys::publicKeys, clock,
                java.time.Duration.ofMinutes(1), java.time.Duration.ofSeconds(1),
                java.util.Optional.of(new org.bouncycastle.jce.provider.BouncyCastleProvider()));
        context.addFilter(new FilterHolder(new io.tokengate.resource.BearerTokenFilter(api,
                new io.tokengate.resource.AccessTokenValidator(api, apiKeys, clock), authorizationServer.denylist(),
                authorizationServer.certificateValidator())),
                "/api/*", requests);
        context.addServlet(new ServletHolder(new WhoAmIServlet()), "/api/*");
        options.benchmarkUnprotectedPath().ifPresent(path -> {
            // Benchmarking aid, off by default: the same servlet without the bearer filter, to measure what the filter costs.
            org.slf4j.LoggerFactory.getLogger(GatewayServer.class).warn("Benchmarking aid on: {}/* serves the API"
                    + " WITHOUT the bearer token filter (--benchmark-unprotected-path)", path);
            context.addServlet(new ServletHolder(new WhoAmIServlet()), path + "/*");
        });
        context.addServlet(new ServletHolder(new NotFoundServlet()), "/");
        server.setHandler(context);
        server.setStopTimeout(2000);
        try {
            server.start();
        } catch (Exception e) {
            authorizationServer.close();
            throw e;
        }
        setup.writeScripts(issuer);
        io.tokengate.demo.sidecar.SidecarScripts.write(data, issuer);
        return new GatewayServer(server, issuer, data, authorizationServer);
    }

    /** HTTPS request handling as the gateway and the sidecars use it (client certificates published, no SNI host check). */
    public static HttpConfiguration httpConfiguration() {
        HttpConfiguration http = new HttpConfiguration();
        http.setSecureScheme("https");
        http.setSendServerVersion(false);
        SecureRequestCustomizer secure = new SecureRequestCustomizer();
        secure.setSniHostCheck(false); // clients reach the demo as localhost, 127.0.0.1 or ::1
        http.addCustomizer(secure);
        return http;
    }

    /** The demo server certificate, TLS 1.2/1.3, any client certificate wanted and left to the filters. */
    public static SslContextFactory.Server tls(DemoPki pki) throws Exception {
        byte[] random = new byte[18];
        new SecureRandom().nextBytes(random);
        String password = Base64.getEncoder().encodeToString(random);
        SslContextFactory.Server tls = new SslContextFactory.Server() {
            @Override
            protected javax.net.ssl.TrustManager[] getTrustManagers(java.security.KeyStore trustStore,
                    java.util.Collection<? extends java.security.cert.CRL> crls) {
                return new javax.net.ssl.TrustManager[] {new AnyClientCertificate()};
            }
        };
        tls.setKeyStore(pki.serverKeyStore(password.toCharArray()));
        tls.setKeyStorePassword(password);
        tls.setIncludeProtocols("TLSv1.3", "TLSv1.2");
        tls.setWantClientAuth(true);
        tls.setNeedClientAuth(false);
        return tls;
    }

    public String issuer() {
        return issuer;
    }

    public int port() {
        return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    /** The authorization server this gateway serves, with its stores. */
    public AuthorizationServer authorizationServer() {
        return authorizationServer;
    }

    public void join() throws InterruptedException {
        server.join();
    }

    @Override
    public void close() throws Exception {
        try {
            server.stop();
        } catch (java.util.concurrent.TimeoutException e) {
            // Jetty gave idle keep-alive connections the graceful-stop time, then stopped anyway
        } finally {
            authorizationServer.close();
        }
    }

    /** Answers everything the filters do not serve with a plain 404. */
    private static final class NotFoundServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.sendError(404);
        }
    }
}
