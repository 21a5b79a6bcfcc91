package io.tokengate.endpoint;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Serves the token revocation endpoint (RFC 7009 §2) at its configured path (default {@code /oauth2/v1/revoke}, init-param
 * {@code revocation-path}) with {@link RevocationEndpoint}, and passes every other request down the chain
 * untouched. Constructed and configured like {@link TokenEndpointFilter}; in one web application
 * the filters share one {@link AuthorizationServer}.
 */
public final class RevocationEndpointFilter extends AuthorizationServerFilter {
    /** For {@code web.xml}: the server is built from init-params in {@link #init}. */
    public RevocationEndpointFilter() {
        super(null);
    }

    public RevocationEndpointFilter(AuthorizationServer server) {
        super(server);
    }

    @Override
    boolean serve(AuthorizationServer server, String path, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        if (!server.config().revocationPath().equals(path)) {
            return false;
        }
        server.revocationEndpoint().service(request, response);
        return true;
    }
}
