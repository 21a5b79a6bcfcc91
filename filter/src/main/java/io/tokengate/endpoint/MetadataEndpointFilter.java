package io.tokengate.endpoint;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Serves the discovery documents: RFC 8414 metadata at {@code /.well-known/oauth-authorization-server}
 * and the Oracle Identity Cloud Service shape at {@code /.well-known/idcs-configuration}, plus the
 * JWKS (RFC 7517 §5) at the configured {@code jwks-path}. GET and HEAD only (405 otherwise).
 * Other requests pass down the chain untouched. Configured like {@link TokenEndpointFilter}.
 */
public final class MetadataEndpointFilter implements Filter {
    public static final String OAUTH_METADATA_PATH = "/.well-known/oauth-authorization-server";
    public static final String IDCS_CONFIGURATION_PATH = "/.well-known/idcs-configuration";

    private AuthorizationServer server;

    /** For {@code web.xml}: the server is built from init-params in {@link #init}. */
    public MetadataEndpointFilter() {
    }

    public MetadataEndpointFilter(AuthorizationServer server) {
        this.server = server;
    }

    @Override
    public void init(FilterConfig filterConfig) {
        if (server == null) {
            server = WebApplicationServers.get(filterConfig);
        }
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        if (req instanceof HttpServletRequest request && res instanceof HttpServletResponse response) {
            String path = WebApplicationServers.pathOf(request);
            String body = null;
            if (OAUTH_METADATA_PATH.equals(path)) {
                body = server.metadata().rfc8414Json();
            } else if (IDCS_CONFIGURATION_PATH.equals(path)) {
                body = server.metadata().idcsJson();
            } else if (server.config().jwksPath().equals(path)) {
                body = server.keys().publicKeys().toString();
            }
            if (body != null) {
                write(request, response, body);
                return;
            }
        }
        chain.doFilter(req, res);
    }

    private void write(HttpServletRequest request, HttpServletResponse response, String body) throws IOException {
        if (!"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())) {
            response.setStatus(405);
            response.setHeader("Allow", "GET, HEAD");
            return;
        }
        byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        response.setStatus(200);
        response.setContentType("application/json;charset=UTF-8");
        response.setHeader("Cache-Control", "public, max-age=300");
        response.setContentLength(bytes.length);
        if ("GET".equals(request.getMethod())) {
            response.getOutputStream().write(bytes);
        }
    }
}
