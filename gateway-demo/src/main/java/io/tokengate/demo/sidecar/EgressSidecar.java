package io.tokengate.demo.sidecar;

import io.tokengate.agent.SubjectSource;
import io.tokengate.agent.TokenAgent;
import io.tokengate.agent.TokenAgentConfig;
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
 * from the outbound {@link TokenAgent} ({@link TokenAgentConfig#fromParameters}), and calls leave over the agent's TLS
 * context, which presents the client certificate the tokens may be bound to (RFC 8705 §3).
 */
public final class EgressSidecar extends RunningServer {

    private EgressSidecar(Server server, String baseUrl) {
        super(server, baseUrl);
    }

    /** Starts with the outbound agent {@code options} configure. */
    public static EgressSidecar start(SidecarOptions.Egress options) throws Exception {
        TokenAgent agent = TokenAgent.create(TokenAgentConfig.fromParameters(options.agentParameters()::get),
                SubjectSource.none());
        return start(options, EgressTokens.of(agent), agent.sslContext());
    }

    /**
     * The outbound agent of the demo's Trusted client {@code demo-app-a} of {@code data} at
     * {@code issuer} (token endpoint from its RFC 8414 metadata): the JWT bearer grant with user
     * assertions it signs with {@code app-a.key} (certificate {@code app-a.crt}, also presented in
     * TLS), client credentials without a user, HTTP Basic with {@code demo-app-a.secret}, trusting
     * the demo CA; the same parameters as the egress mode's defaults.
     */
    public static TokenAgent demoAgent(Path data, String issuer, SubjectSource subjects) {
        return TokenAgent.create(TokenAgentConfig.fromParameters(SidecarOptions.agentDefaults(data,
                java.util.Map.of(TokenAgentConfig.ISSUER, issuer))::get), subjects);
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

}
