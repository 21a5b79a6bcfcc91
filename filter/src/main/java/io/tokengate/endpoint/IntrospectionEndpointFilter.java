package io.tokengate.endpoint;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Serves the token introspection endpoint (RFC 7662 §2) at its configured path (default {@code /oauth2/v1/introspect}, init-param
 * {@code introspection-path}) with {@link IntrospectionEndpoint}, and passes every other request down the chain
 * untouched. Constructed and configured like {@link TokenEndpointFilter}; in one web application
 * the filters share one {@link AuthorizationServer}.
 */
public final class IntrospectionEndpointFilter extends AuthorizationServerFilter {
    /** For {@code web.xml}: the server is built from init-params in {@link #init}. */
    public IntrospectionEndpointFilter() {
        super(null);
    }

    public IntrospectionEndpointFilter(AuthorizationServer server) {
        super(server);
    }

    @Override
    boolean serve(AuthorizationServer server, String path, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        if (!server.config().introspectionPath().equals(path)) {
            return false;
        }
        server.introspectionEndpoint().service(request, response);
        return true;
    }
}
