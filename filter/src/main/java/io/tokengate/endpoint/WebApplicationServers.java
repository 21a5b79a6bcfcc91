package io.tokengate.endpoint;

import io.tokengate.config.AuthorizationServerConfig;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;

/**
 * Gives the filters of one web application the same {@link AuthorizationServer} when they are
 * declared in {@code web.xml}: the first filter to start builds it from its init-params (falling
 * back to the context-params) and keeps it as a servlet context attribute, the others reuse it.
 * Scoped to the web application, so two applications in one container stay apart.
 */
final class WebApplicationServers {
    static final String ATTRIBUTE = AuthorizationServer.class.getName();

    private WebApplicationServers() {
    }

    static AuthorizationServer get(FilterConfig filterConfig) {
        ServletContext context = filterConfig.getServletContext();
        synchronized (context) {
            Object existing = context.getAttribute(ATTRIBUTE);
            if (existing instanceof AuthorizationServer server) {
                return server;
            }
            java.util.function.Function<String, String> parameters = name -> {
                String value = filterConfig.getInitParameter(name);
                return value != null ? value : context.getInitParameter(name);
            };
            AuthorizationServer server = AuthorizationServer.fromConfig(AuthorizationServerConfig.fromParameters(parameters),
                    io.tokengate.cert.validation.CertificateTrustConfig.fromParameters(parameters));
            context.setAttribute(ATTRIBUTE, server);
            return server;
        }
    }

    /** The request path below the context path, undecoded, as filters compare it to configured paths. */
    static String pathOf(jakarta.servlet.http.HttpServletRequest request) {
        String uri = request.getRequestURI();
        String context = request.getContextPath();
        return context != null && !context.isEmpty() && uri.startsWith(context) ? uri.substring(context.length()) : uri;
    }
}
