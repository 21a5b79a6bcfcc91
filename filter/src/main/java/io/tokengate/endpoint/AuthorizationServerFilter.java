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
 * What the authorization server's filters share: the {@link AuthorizationServer} given in code, or
 * built from {@code web.xml} init-params in {@link #init} (one per web application); an exchange is
 * either owned completely by {@link #serve} or passed down the chain untouched.
 */
abstract class AuthorizationServerFilter implements Filter {
    private AuthorizationServer server;

    AuthorizationServerFilter(AuthorizationServer server) {
        this.server = server;
    }

    @Override
    public final void init(FilterConfig filterConfig) {
        if (server == null) {
            server = WebApplicationServers.get(filterConfig);
        }
    }

    @Override
    public final void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        if (req instanceof HttpServletRequest request && res instanceof HttpServletResponse response
                && serve(server, WebApplicationServers.pathOf(request), request, response)) {
            return;
        }
        chain.doFilter(req, res);
    }

    /** @return {@code true} when this filter answered the request at {@code path}; the response is then complete */
    abstract boolean serve(AuthorizationServer server, String path, HttpServletRequest request,
            HttpServletResponse response) throws IOException;
}
