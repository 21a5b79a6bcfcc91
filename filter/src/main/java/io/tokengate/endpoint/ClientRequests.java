package io.tokengate.endpoint;

import io.tokengate.cert.ClientCertificateResolver;
import io.tokengate.error.ErrorCode;
import io.tokengate.error.OAuth2Exception;
import io.tokengate.http.FormParameters;
import io.tokengate.http.TokenRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The transport rules the revocation (RFC 7009 §2.1) and introspection (RFC 7662 §2.1) endpoints
 * share with the token endpoint: POST only (405 otherwise), an
 * {@code application/x-www-form-urlencoded} body within the size limit, no query string, no
 * repeated parameter; and the one way their JSON answers are sent, with {@code Cache-Control:
 * no-store}. The result is the same {@link TokenRequest} value client authentication reads.
 */
final class ClientRequests {
    private static final String FORM = "application/x-www-form-urlencoded";

    private ClientRequests() {
    }

    /** @throws OAuth2Exception {@code invalid_request} (400, 405 or 413) saying what to fix */
    static TokenRequest parse(HttpServletRequest http, String endpoint, String rfc, int maxBodyBytes,
            ClientCertificateResolver certificates) throws IOException {
        if (!"POST".equals(http.getMethod())) {
            throw new OAuth2Exception(ErrorCode.INVALID_REQUEST,
                    "the " + endpoint + " endpoint accepts only POST (" + rfc + "), not " + http.getMethod(), 405);
        }
        String contentType = Optional.ofNullable(http.getContentType()).orElse("");
        String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!FORM.equals(mediaType)) {
            throw OAuth2Exception.invalidRequest("the request body must be " + FORM
                    + (contentType.isEmpty() ? "; no Content-Type was sent" : ", not " + contentType));
        }
        if (http.getQueryString() != null && !http.getQueryString().isEmpty()) {
            throw OAuth2Exception.invalidRequest("send " + endpoint + " request parameters in the body, not the query string");
        }
        Map<String, String> parameters = FormParameters.read(http, maxBodyBytes);
        return new TokenRequest(parameters, Optional.ofNullable(http.getHeader("Authorization")),
                certificates.resolve(http), http.getRemoteAddr());
    }

    /** Sends a 200 with {@code json} (may be empty for no body), never to be cached. */
    static void ok(HttpServletResponse response, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        response.setStatus(200);
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Pragma", "no-cache");
        if (body.length > 0) {
            response.setContentType("application/json;charset=UTF-8");
        }
        response.setContentLength(body.length);
        if (body.length > 0) {
            response.getOutputStream().write(body);
        }
    }

    /**
     * The answer while a store is unreachable: 503 {@code temporarily_unavailable} (RFC 6749 §5.2 as
     * amended by errata 4982), which clients may retry; the server recovers by itself.
     */
    static io.tokengate.error.OAuth2Exception unavailable(String endpoint) {
        return new io.tokengate.error.OAuth2Exception(io.tokengate.error.ErrorCode.TEMPORARILY_UNAVAILABLE,
                "the " + endpoint + " request could not be served because the token store is unreachable; retry shortly");
    }
}
