package io.tokengate.endpoint;

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
public final class TokenEndpointFilter extends AuthorizationServerFilter {
    /** For {@code web.xml}: the server is built from init-params in {@link #init}. */
    public TokenEndpointFilter() {
        super(null);
    }

    public TokenEndpointFilter(AuthorizationServer server) {
        super(server);
    }

    @Override
    boolean serve(AuthorizationServer server, String path, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        if (!server.config().tokenPath().equals(path)) {
            return false;
        }
        server.tokenEndpoint().service(request, response);
        return true;
    }
}
