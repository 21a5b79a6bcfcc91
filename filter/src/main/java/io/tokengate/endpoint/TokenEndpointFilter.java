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
 * Serves the token endpoint (RFC 6749 §3.2) at its configured path (default
 * {@code /oauth2/v1/token}) and passes every other request down the chain untouched.
 * <p>From code: {@code new TokenEndpointFilter(server)}. From {@code web.xml}: declare the filter
 * with the init-params of {@link io.tokengate.config.AuthorizationServerConfig} (at least
 * {@code issuer}), mapped to {@code /*}.
 */
public final class TokenEndpointFilter implements Filter {
    private AuthorizationServer server;

    /** For {@code web.xml}: the server is built from init-params in {@link #init}. */
    public TokenEndpointFilter() {
    }

    public TokenEndpointFilter(AuthorizationServer server) {
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
                && server.config().tokenPath().equals(WebApplicationServers.pathOf(request))) {
            server.tokenEndpoint().service(request, response);
            return;
        }
        chain.doFilter(req, res);
    }
}
