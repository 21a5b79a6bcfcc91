package io.tokengate.demo.sidecar;

import io.tokengate.http.JsonText;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * Application B of the walkthrough, behind its ingress sidecar: plain HTTP on {@code 127.0.0.1}
 * only (the sidecar is its one caller), answering every request with who called, as the
 * {@link IdentityHeaders} say: {@code {"app":"B","subject":…,"client_id":…,"scopes":[…],"path":…}}.
 * Without them (a call that bypassed the sidecar) it answers 401.
 */
public final class DemoAppB extends RunningServer {

    private DemoAppB(Server server, String baseUrl) {
        super(server, baseUrl);
    }

    public static DemoAppB start(SidecarOptions.AppB options) throws Exception {
        Server server = new Server(IngressSidecar.threads("app-b"));
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(options.port());
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        context.addServlet(new ServletHolder(new WhoCalledServlet()), "/*");
        server.setHandler(context);
        server.setStopTimeout(2000);
        server.start();
        return new DemoAppB(server, "http://127.0.0.1:" + connector.getLocalPort());
    }

    /** The names of the {@code Tokengate-*} headers received, lower case, sorted, each as often as it came. */
    static String identityHeaderNames(HttpServletRequest request) {
        java.util.List<String> names = new java.util.ArrayList<>();
        for (String name : java.util.Collections.list(request.getHeaderNames())) {
            if (IdentityHeaders.isIdentityHeader(name)) {
                java.util.Collections.list(request.getHeaders(name))
                        .forEach(v -> names.add(name.toLowerCase(java.util.Locale.ROOT)));
            }
        }
        return names.stream().sorted().map(JsonText::quote).collect(Collectors.joining(","));
    }

    /** Reads the identity headers the ingress sidecar set. */
    static final class WhoCalledServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
            Optional<String> subject = IdentityHeaders.decode(request.getHeader(IdentityHeaders.SUBJECT));
            String body;
            if (subject.isEmpty()) {
                response.setStatus(401);
                body = "{\"error\":\"no_identity\",\"error_description\":\"no " + IdentityHeaders.SUBJECT
                        + " header: call application B through its ingress sidecar\"}";
            } else {
                String scopes = request.getHeader(IdentityHeaders.SCOPE) == null ? "" : Arrays.stream(
                        request.getHeader(IdentityHeaders.SCOPE).split(" ")).map(IdentityHeaders::decode)
                        .flatMap(Optional::stream).map(JsonText::quote).collect(Collectors.joining(","));
                body = "{\"app\":\"B\",\"subject\":" + JsonText.quote(subject.get())
                        + ",\"client_id\":" + JsonText.quote(IdentityHeaders.decode(request.getHeader(IdentityHeaders.CLIENT_ID))
                                .orElse(""))
                        + ",\"scopes\":[" + scopes + "],\"path\":" + JsonText.quote(request.getRequestURI())
                        + ",\"identity_headers\":[" + identityHeaderNames(request) + "]"
                        + ",\"authorization_header_seen\":" + (request.getHeader("Authorization") != null)
                        + ",\"client_cert_header_seen\":" + (request.getHeader("Client-Cert") != null) + "}";
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            response.setHeader("Cache-Control", "no-store");
            response.setContentType("application/json;charset=UTF-8");
            response.setContentLength(bytes.length);
            response.getOutputStream().write(bytes);
        }
    }
}
