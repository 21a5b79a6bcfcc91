package io.tokengate.demo.sidecar;

import io.tokengate.demo.DemoPki;
import io.tokengate.demo.GatewayServer;
import io.tokengate.resource.AccessTokenValidator;
import io.tokengate.resource.BearerTokenFilter;
import io.tokengate.resource.JwksKeySource;
import io.tokengate.resource.ResourceServerConfig;
import io.tokengate.resource.ScopeRules;
import jakarta.servlet.DispatcherType;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The ingress sidecar in front of an application: HTTPS (the demo server certificate, client
 * certificates wanted for bound tokens), {@link BearerTokenFilter} on every path validating the
 * authorization server's tokens for the configured audience (keys found through its RFC 8414
 * metadata and {@code jwks_uri}, over TLS trusting the demo CA), then {@link IngressProxyServlet}
 * forwarding to the upstream with the {@link IdentityHeaders}. A request without a valid token is
 * answered here (401/403 with {@code WWW-Authenticate}) and never reaches the upstream.
 */
public final class IngressSidecar extends RunningServer {

    private IngressSidecar(Server server, String baseUrl) {
        super(server, baseUrl);
    }

    public static IngressSidecar start(SidecarOptions.Ingress options) throws Exception {
        DemoPki pki = new DemoPki(options.dataDirectory());
        ResourceServerConfig config = ResourceServerConfig.builder(options.issuer(), options.audience())
                .realm(options.realm())
                .scopeRules(ScopeRules.parse(options.scopeRules()))
                .build();
        Clock clock = Clock.systemUTC();
        HttpClient jwksHttp = HttpClient.newBuilder().sslContext(SidecarTls.context(pki.path(DemoPki.CA_CERT)))
                .connectTimeout(Duration.ofSeconds(5)).build();
        AccessTokenValidator validator = new AccessTokenValidator(config,
                JwksKeySource.fromConfig(config, jwksHttp, clock), clock);

        Server server = new Server(threads("ingress"));
        ServerConnector connector = new ServerConnector(server, new SslConnectionFactory(GatewayServer.tls(pki), "http/1.1"),
                new HttpConnectionFactory(GatewayServer.httpConfiguration()));
        connector.setHost(options.bindAddress());
        connector.setPort(options.port());
        server.addConnector(connector);

        ServletContextHandler context = new ServletContextHandler("/");
        FilterHolder bearer = new FilterHolder(new BearerTokenFilter(config, validator));
        bearer.setAsyncSupported(true);
        context.addFilter(bearer, "/*", EnumSet.of(DispatcherType.REQUEST));
        ServletHolder proxy = new ServletHolder(new IngressProxyServlet());
        proxy.setAsyncSupported(true);
        proxy.setInitParameter("proxyTo", options.upstream().toString());
        proxy.setInitParameter("timeout", "30000");
        context.addServlet(proxy, "/*");
        server.setHandler(context);
        server.setStopTimeout(2000);
        server.start();
        return new IngressSidecar(server, "https://" + options.publicHost() + ":" + connector.getLocalPort());
    }

    static QueuedThreadPool threads(String name) {
        QueuedThreadPool threads = new QueuedThreadPool(200, 4);
        threads.setName(name);
        return threads;
    }

}
