package io.tokengate.it.agent;

import io.tokengate.cert.TrustedProxies;
import io.tokengate.config.AuthorizationServerConfig;
import io.tokengate.demo.DemoIdentities;
import io.tokengate.demo.DemoPki;
import io.tokengate.demo.DemoSetup;
import io.tokengate.endpoint.AuthorizationServer;
import io.tokengate.endpoint.MetadataEndpointFilter;
import io.tokengate.endpoint.RevocationEndpointFilter;
import io.tokengate.endpoint.TokenEndpointFilter;
import io.tokengate.it.container.AnyClientCertificateTrustManager;
import io.tokengate.it.container.PrincipalEchoServlet;
import io.tokengate.resource.AccessTokenValidator;
import io.tokengate.resource.BearerTokenFilter;
import io.tokengate.resource.JwksKeySource;
import io.tokengate.resource.ResourceServerConfig;
import io.tokengate.resource.ScopeRules;
import jakarta.servlet.DispatcherType;
import java.nio.file.Path;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
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

/**
 * The real authorization server (the demo's data directory and clients, plus the agent's client in the registry file)
 * and a real protected resource behind {@link BearerTokenFilter}, in one Jetty over TLS on an
 * ephemeral port, with a {@link TokenEndpointProbe} in front of the token endpoint and a
 * {@link ResourceProbe} in front of the resource. The connector can be stopped and started again
 * on the same port, to take the token endpoint down and bring it back.
 */
final class AgentTestServer implements AutoCloseable {
    static final String AGENT_ID = "tokengate-agent";
    static final String AGENT_CERT = "agent.crt";
    static final String AGENT_KEY = "agent.key";
    static final String TOKEN_PATH = "/oauth2/v1/token";
    static final String API_PATH = "/api/orders";

    private final Server server;
    private final ServerConnector connector;
    private final String issuer;
    final TokenEndpointProbe tokenEndpoint = new TokenEndpointProbe(TOKEN_PATH);
    final ResourceProbe resource = new ResourceProbe();
    final DemoPki pki;
    private final String agentSecret;

    private AgentTestServer(Path data) throws Exception {
        pki = new DemoPki(data);
        pki.ensure("CN=" + DemoSetup.CERTIFICATE_CLIENT_ID + ", O=Tokengate Demo");
        new DemoIdentities(data).ensure(pki);
        new DemoSetup(data).seedRegistry();
        pki.ensureClientCertificate(AGENT_CERT, AGENT_KEY, "CN=" + AGENT_ID + ", O=Tokengate Demo");

        server = new Server();
        SslContextFactory.Server tls = new SslContextFactory.Server() {
            @Override
            protected javax.net.ssl.TrustManager[] getTrustManagers(java.security.KeyStore trustStore,
                    java.util.Collection<? extends java.security.cert.CRL> crls) {
                return new javax.net.ssl.TrustManager[] {new AnyClientCertificateTrustManager()};
            }
        };
        char[] password = "agent-it".toCharArray();
        tls.setKeyStore(pki.serverKeyStore(password));
        tls.setKeyStorePassword(new String(password));
        tls.setWantClientAuth(true);
        HttpConfiguration http = new HttpConfiguration();
        SecureRequestCustomizer secure = new SecureRequestCustomizer();
        secure.setSniHostCheck(false);
        http.addCustomizer(secure);
        connector = new ServerConnector(server, new SslConnectionFactory(tls, "http/1.1"), new HttpConnectionFactory(http));
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        connector.open();
        connector.setPort(connector.getLocalPort()); // a restart binds the same port again
        issuer = "https://localhost:" + connector.getLocalPort();
        server.addConnector(connector);

        io.tokengate.demo.DemoClients demoClients = new io.tokengate.demo.DemoClients(data);
        AuthorizationServer as = AuthorizationServer.fromConfig(AuthorizationServerConfig.builder(issuer)
                .registryFile(data.resolve(DemoSetup.REGISTRY))
                .signingKeyFile(data.resolve(DemoSetup.SIGNING_KEY))
                .trustAnchorsFile(data.resolve(DemoPki.CA_CERT))
                .usersFile(data.resolve(DemoIdentities.USERS_FILE))
                .registrationPath(io.tokengate.demo.DemoClients.REGISTRATION_PATH)
                .registrationAdminTokenHash(demoClients.adminTokenHash())
                .build());
        demoClients.seed(as.registrations().orElseThrow()); // the demo's clients, demo-web-app among them
        agentSecret = registerAgent(as, data);
        ResourceServerConfig api = ResourceServerConfig.builder(issuer, DemoSetup.API_AUDIENCE).realm("agent-it")
                .scopeRules(ScopeRules.parse("GET /api/*=" + DemoSetup.READ_SCOPE + "; POST /api/*=" + DemoSetup.WRITE_SCOPE))
                .trustedProxies(TrustedProxies.of(List.of()))
                .build();
        Clock clock = Clock.systemUTC();
        ServletContextHandler context = new ServletContextHandler("/");
        EnumSet<DispatcherType> requests = EnumSet.of(DispatcherType.REQUEST);
        context.addFilter(new FilterHolder(tokenEndpoint), "/*", requests);
        context.addFilter(new FilterHolder(new TokenEndpointFilter(as)), "/*", requests);
        context.addFilter(new FilterHolder(new MetadataEndpointFilter(as)), "/*", requests);
        context.addFilter(new FilterHolder(new RevocationEndpointFilter(as)), "/*", requests);
        context.addFilter(new FilterHolder(resource), "/api/*", requests);
        context.addFilter(new FilterHolder(new BearerTokenFilter(api, new AccessTokenValidator(api,
                JwksKeySource.of(as.keys().publicKeys(), clock), clock), as.denylist())), "/api/*", requests);
        context.addServlet(new ServletHolder(new PrincipalEchoServlet()), "/api/*");
        server.setHandler(context);
        server.setStopTimeout(1000);
        server.start();
    }

    static AgentTestServer start(Path data) throws Exception {
        return new AgentTestServer(data);
    }

    String issuer() {
        return issuer;
    }

    String tokenEndpointUrl() {
        return issuer + TOKEN_PATH;
    }

    String apiUrl() {
        return issuer + API_PATH;
    }

    /** Closes the listening socket: connections to the port are refused until {@link #up()}. */
    void down() throws Exception {
        connector.stop();
    }

    void up() throws Exception {
        connector.start();
    }

    void reset() {
        tokenEndpoint.reset();
        resource.reset();
    }

    @Override
    public void close() throws Exception {
        try {
            server.stop();
        } catch (java.util.concurrent.TimeoutException e) {
            // idle keep-alive connections outlived the graceful stop
        }
    }

    /** The agent client's secret, issued when it was registered. */
    String agentSecret() {
        return agentSecret;
    }

    /**
     * Registers the agent's client: a Trusted confidential client with the agent certificate, which
     * may use every grant and client authentication the agent supports.
     *
     * @return its client secret
     */
    private static String registerAgent(AuthorizationServer as, Path data) throws Exception {
        String pem = io.tokengate.http.JsonText.quote(io.tokengate.cert.Certificates.toPem(
                io.tokengate.cert.Certificates.read(data.resolve(AGENT_CERT)).get(0)));
        return as.registrations().orElseThrow().create(new io.tokengate.registration.ClientMetadataParser().parse("""
                {"client_id": "%s", "application_type": "confidential", "client_type": "trusted",
                 "grant_types": ["urn:ietf:params:oauth:grant-type:jwt-bearer", "urn:ietf:params:oauth:grant-type:saml2-bearer",
                                 "refresh_token", "client_credentials", "tls_client_auth"],
                 "token_endpoint_auth_methods": ["tls_client_auth", "private_key_jwt", "client_secret_basic",
                                                 "client_secret_post"],
                 "certificate": %s, "roles": ["OrdersReader", "OrdersWriter"]}
                """.formatted(AGENT_ID, pem))).clientSecret().orElseThrow();
    }
}
