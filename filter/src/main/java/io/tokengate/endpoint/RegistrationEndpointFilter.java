package io.tokengate.endpoint;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Serves client registration (RFC 7591 §3) at its configured path (default
 * {@code /oauth2/v1/register}, init-param {@code registration-path}) and client configuration
 * (RFC 7592 §2) below it at {@code /client_id}, with
 * {@link io.tokengate.registration.RegistrationEndpoint}. Only when
 * {@code registration-admin-token-hash} is configured; otherwise, like every other request, it
 * passes down the chain untouched. Constructed and configured like {@link TokenEndpointFilter}; in
 * one web application the filters share one {@link AuthorizationServer}.
 */
public final class RegistrationEndpointFilter extends AuthorizationServerFilter {
    /** For {@code web.xml}: the server is built from init-params in {@link #init}. */
    public RegistrationEndpointFilter() {
        super(null);
    }

    public RegistrationEndpointFilter(AuthorizationServer server) {
        super(server);
    }

    @Override
    boolean serve(AuthorizationServer server, String path, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        String base = server.config().registrationPath();
        if (server.registrationEndpoint().isEmpty()
                || !(path.equals(base) || path.startsWith(base) && path.charAt(base.length()) == '/')) {
            return false;
        }
        server.registrationEndpoint().get().service(request, response, path.substring(base.length()));
        return true;
    }
}
