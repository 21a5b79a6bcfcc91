package io.tokengate.it.container;

import io.tokengate.http.JsonText;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;

/**
 * The protected resource of the test web application: answers every method with what the
 * container's request says about the caller after the filter ran, as JSON: {@code principal}
 * ({@code getUserPrincipal().getName()}), {@code authType}, {@code inRole}
 * ({@code isUserInRole} of the {@code role} init-param) and {@code clientId} (the filter's
 * {@code io.tokengate.token.client_id} attribute). Declared in {@code web.xml}, so public with a
 * no-arg constructor.
 */
public final class PrincipalEchoServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Principal principal = request.getUserPrincipal();
        Object clientId = request.getAttribute("io.tokengate.token.client_id");
        String role = getInitParameter("role");
        String json = "{\"principal\":" + quote(principal == null ? null : principal.getName())
                + ",\"authType\":" + quote(request.getAuthType())
                + ",\"inRole\":" + (role != null && request.isUserInRole(role))
                + ",\"clientId\":" + quote(clientId == null ? null : clientId.toString()) + "}";
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        response.setStatus(200);
        response.setContentType("application/json;charset=UTF-8");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private static String quote(String value) {
        return value == null ? "null" : JsonText.quote(value);
    }
}
