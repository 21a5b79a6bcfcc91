package io.tokengate.error;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Writes an {@link OAuth2Exception} as the JSON error response of RFC 6749 §5.2, with
 * {@code Cache-Control: no-store}. A 401 always carries {@code WWW-Authenticate} naming the
 * HTTP authentication scheme the server accepts (RFC 6749 §5.2, RFC 9110 §15.5.2), so the answer
 * is also right when the client did try HTTP Basic authentication. A 405 carries {@code Allow: POST}
 * unless the caller already set the {@code Allow} header (endpoints serving other methods).
 */
public final class ErrorResponseWriter {
    private final String realm;

    /** @param realm the realm sent in the {@code WWW-Authenticate} challenge of a 401 */
    public ErrorResponseWriter(String realm) {
        this.realm = realm;
    }

    public void write(HttpServletResponse response, OAuth2Exception error) throws IOException {
        response.setStatus(error.status());
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Pragma", "no-cache");
        if (error.status() == 401) {
            response.setHeader("WWW-Authenticate", "Basic realm=\"" + realm + "\"");
        }
        if (error.status() == 503) {
            response.setHeader("Retry-After", "5"); // RFC 9110 §10.2.3: the store is usually back within seconds
        }
        if (error.status() == 405 && response.getHeader("Allow") == null) {
            response.setHeader("Allow", "POST");
        }
        byte[] body = ("{\"error\":\"" + error.code().value() + "\",\"error_description\":"
                + io.tokengate.http.JsonText.quote(error.description()) + "}").getBytes(StandardCharsets.UTF_8);
        response.setContentType("application/json;charset=UTF-8");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
