package io.tokengate.demo.sidecar;

import io.tokengate.demo.DemoPki;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The egress sidecar beside an application: plain HTTP on a loopback port (only local processes
 * reach it), {@link EgressProxyServlet} attaching tokens for the configured routes. Tokens come
 * from the {@link EgressTokens} given, by default {@link AssertionGrantTokens} at the
 * authorization server's token endpoint over TLS trusting the demo CA.
 */
public final class EgressSidecar implements AutoCloseable {
    private final Server server;
    private final String baseUrl;

    private EgressSidecar(Server server, String baseUrl) {
        this.server = server;
        this.baseUrl = baseUrl;
    }

    /** Starts with tokens by JWT bearer user assertions and client credentials, as {@code options} configure. */
    public static EgressSidecar start(SidecarOptions.Egress options) throws Exception {
        return start(options, assertionGrantTokens(options.dataDirectory(), URI.create(options.tokenEndpoint()),
                options.clientId(), options.clientSecretFile(), options.clientKeyFile(), options.clientCertFile()));
    }

    /**
     * Tokens from {@code tokenEndpoint} (over TLS trusting the demo CA of {@code data}) for the
     * Trusted client {@code clientId}: JWT bearer grant with user assertions signed by the key in
     * {@code keyFile} (its certificate in {@code certFile}), client credentials without a user,
     * HTTP Basic with the secret in {@code secretFile}.
     */
    public static EgressTokens assertionGrantTokens(Path data, URI tokenEndpoint, String clientId, Path secretFile,
            Path keyFile, Path certFile) throws Exception {
        DemoPki pki = new DemoPki(data);
        HttpClient http = HttpClient.newBuilder().sslContext(SidecarTls.context(pki.path(DemoPki.CA_CERT)))
                .connectTimeout(Duration.ofSeconds(5)).build();
        String secret = Files.readString(secretFile, StandardCharsets.UTF_8).trim();
        UserAssertionSigner signer = new UserAssertionSigner(clientId, pki.readPrivateKey(keyFile.toString()),
                pki.readCertificate(certFile.toString()), Clock.systemUTC());
        return new AssertionGrantTokens(tokenEndpoint, clientId, secret, signer, http);
    }

    /** Starts with another token source (the outbound agent's). */
    public static EgressSidecar start(SidecarOptions.Egress options, EgressTokens tokens) throws Exception {
        DemoPki pki = new DemoPki(options.dataDirectory());
        Server server = new Server(IngressSidecar.threads("egress"));
        ServerConnector connector = new ServerConnector(server);
        connector.setHost(options.bindAddress());
        connector.setPort(options.port());
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        ServletHolder proxy = new ServletHolder(new EgressProxyServlet(options.routes(), tokens,
                SidecarTls.jettyClient(pki.path(DemoPki.CA_CERT))));
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
