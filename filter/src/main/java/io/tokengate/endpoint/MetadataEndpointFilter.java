package io.tokengate.endpoint;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Serves the discovery documents: RFC 8414 metadata at {@code /.well-known/oauth-authorization-server}
 * and the Oracle Identity Cloud Service shape at {@code /.well-known/idcs-configuration}, plus the
 * JWKS (RFC 7517 §5) at the configured {@code jwks-path}. GET and HEAD only (405 otherwise).
 * Other requests pass down the chain untouched. Configured like {@link TokenEndpointFilter}.
 */
public final class MetadataEndpointFilter extends AuthorizationServerFilter {
    public static final String OAUTH_METADATA_PATH = "/.well-known/oauth-authorization-server";
    public static final String IDCS_CONFIGURATION_PATH = "/.well-known/idcs-configuration";

    /** For {@code web.xml}: the server is built from init-params in {@link #init}. */
    public MetadataEndpointFilter() {
        super(null);
    }

    public MetadataEndpointFilter(AuthorizationServer server) {
        super(server);
    }

    @Override
    boolean serve(AuthorizationServer server, String path, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        String body = null;
        if (OAUTH_METADATA_PATH.equals(path)) {
            body = server.metadata().rfc8414Json();
        } else if (IDCS_CONFIGURATION_PATH.equals(path)) {
            body = server.metadata().idcsJson();
        } else if (server.config().jwksPath().equals(path)) {
            body = server.keys().publicKeys().toString();
        }
        if (body == null) {
            return false;
        }
        write(request, response, body);
        return true;
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
