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
 * Serves the token introspection endpoint (RFC 7662 §2) at its configured path (default {@code /oauth2/v1/introspect}, init-param
 * {@code introspection-path}) with {@link IntrospectionEndpoint}, and passes every other request down the chain
 * untouched. Constructed and configured like {@link TokenEndpointFilter}; in one web application
 * the filters share one {@link AuthorizationServer}.
 */
public final class IntrospectionEndpointFilter implements Filter {
    private AuthorizationServer server;

    /** For {@code web.xml}: the server is built from init-params in {@link #init}. */
    public IntrospectionEndpointFilter() {
    }

    public IntrospectionEndpointFilter(AuthorizationServer server) {
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
        if (req instanceof HttpServletRequest request && res instanceof HttpServletResponse response
                && server.config().introspectionPath().equals(WebApplicationServers.pathOf(request))) {
            server.introspectionEndpoint().service(request, response);
            return;
        }
        chain.doFilter(req, res);
    }
}
