package io.tokengate.demo.sidecar;

import io.tokengate.agent.ClientAuth;
import io.tokengate.agent.ClientGrant;
import io.tokengate.agent.ClientKeyMaterial;
import io.tokengate.agent.SubjectSource;
import io.tokengate.agent.TokenAgent;
import io.tokengate.agent.TokenAgentConfig;
import io.tokengate.agent.UserGrant;
import io.tokengate.cert.Certificates;
import io.tokengate.demo.DemoPki;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.net.ssl.SSLContext;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * The egress sidecar beside an application: plain HTTP on a loopback port (only local processes
 * reach it), {@link EgressProxyServlet} attaching tokens for the configured routes. Tokens come
 * from the outbound {@link TokenAgent} ({@link #agent}), and calls leave over the agent's TLS
 * context, which presents the client certificate the tokens may be bound to (RFC 8705 §3).
 */
public final class EgressSidecar implements AutoCloseable {
    private final Server server;
    private final String baseUrl;

    private EgressSidecar(Server server, String baseUrl) {
        this.server = server;
        this.baseUrl = baseUrl;
    }

    /** Starts with the outbound agent of {@code options}' client. */
    public static EgressSidecar start(SidecarOptions.Egress options) throws Exception {
        TokenAgent agent = agent(options.dataDirectory(), options.issuer(), options.clientId(), options.clientSecretFile(),
                options.clientKeyFile(), options.clientCertFile(), SubjectSource.none());
        return start(options, EgressTokens.of(agent), agent.sslContext());
    }

    /**
     * The outbound agent of the demo's Trusted client {@code clientId} at {@code issuer} (token
     * endpoint from its RFC 8414 metadata): the JWT bearer grant with user assertions it signs with
     * the key in {@code keyFile} (certificate {@code certFile}, also presented in TLS), client
     * credentials without a user, HTTP Basic with the secret in {@code secretFile}, trusting the demo
     * CA of {@code data}.
     */
    public static TokenAgent agent(Path data, String issuer, String clientId, Path secretFile, Path keyFile,
            Path certFile, SubjectSource subjects) throws Exception {
        DemoPki pki = new DemoPki(data);
        TokenAgentConfig config = TokenAgentConfig.builder(clientId)
                .issuer(issuer)
                .clientAuth(ClientAuth.CLIENT_SECRET_BASIC)
                .clientSecret(Files.readString(secretFile, StandardCharsets.UTF_8).trim())
                .keyMaterial(ClientKeyMaterial.of(pki.readPrivateKey(keyFile.toString()), pki.readCertificate(certFile.toString())))
                .trustAnchors(Certificates.read(pki.path(DemoPki.CA_CERT)))
                .userGrant(UserGrant.JWT_BEARER)
                .clientGrant(ClientGrant.CLIENT_CREDENTIALS)
                .build();
        return TokenAgent.create(config, subjects);
    }

    /** Starts with another token source, calling upstreams over {@code tls} (host names verified). */
    public static EgressSidecar start(SidecarOptions.Egress options, EgressTokens tokens, SSLContext tls) throws Exception {
        Server server = new Server(IngressSidecar.threads("egress"));
        ServerConnector connector = new ServerConnector(server);
        connector.setHost(options.bindAddress());
        connector.setPort(options.port());
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        SslContextFactory.Client outbound = new SslContextFactory.Client();
        outbound.setSslContext(tls);
        outbound.setEndpointIdentificationAlgorithm("HTTPS");
        ServletHolder proxy = new ServletHolder(new EgressProxyServlet(options.routes(), tokens, outbound));
        proxy.setAsyncSupported(true);
        proxy.setInitParameter("timeout", "30000");
        context.addServlet(proxy, "/*");
        server.setHandler(context);
        server.setStopTimeout(2000);
        server.start();
        String host = options.bindAddress().contains(":") ? "[" + options.bindAddress() + "]" : options.bindAddress();
        return new EgressSidecar(server, "http://" + host + ":" + connector.getLocalPort());
    }

    /** {@code http://127.0.0.1:PORT} where the local application calls. */
    public String baseUrl() {
        return baseUrl;
    }

    public void join() throws InterruptedException {
        server.join();
    }

    @Override
    public void close() throws Exception {
        Sidecars.stop(server);
    }
}
