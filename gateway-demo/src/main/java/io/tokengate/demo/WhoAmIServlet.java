package io.tokengate.demo;

import io.tokengate.http.JsonText;
import io.tokengate.resource.BearerTokenFilter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.stream.Collectors;

/**
 * The demo's protected API ({@code /api/…}, behind {@link BearerTokenFilter}): answers with the
 * caller's identity and scopes as the filter exposed them the servlet way. Also served without the
 * filter under {@code --benchmark-unprotected-path} (a benchmarking aid), where there is no caller:
 * {@code subject}, {@code client_id} and {@code auth_type} are then JSON {@code null}, scopes empty.
 */
final class WhoAmIServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object scopes = request.getAttribute(BearerTokenFilter.SCOPES_ATTRIBUTE);
        java.security.Principal principal = request.getUserPrincipal();
        String scopeList = scopes instanceof Collection<?> c
                ? c.stream().map(s -> JsonText.quote(String.valueOf(s))).sorted().collect(Collectors.joining(",")) : "";
        String body = "{\"path\":" + JsonText.quote(request.getRequestURI())
                + ",\"method\":" + JsonText.quote(request.getMethod())
                + ",\"subject\":" + jsonOrNull(principal == null ? null : principal.getName())
                + ",\"client_id\":" + jsonOrNull(request.getAttribute(BearerTokenFilter.CLIENT_ID_ATTRIBUTE))
                + ",\"auth_type\":" + jsonOrNull(request.getAuthType())
                + ",\"scopes\":[" + scopeList + "]}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        response.setContentType("application/json;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    private static String jsonOrNull(Object value) {
        return value == null ? "null" : JsonText.quote(String.valueOf(value));
    }
}
