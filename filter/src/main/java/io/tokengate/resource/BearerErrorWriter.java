package io.tokengate.resource;

import io.tokengate.http.JsonText;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Writes the refusals of the resource filter (RFC 6750 §3), always with
 * {@code Cache-Control: no-store}:
 * <ul>
 * <li>no credentials: 401, {@code WWW-Authenticate: Bearer realm="r"}, no error code and an empty
 *     body (RFC 6750 §3.1: a client that did not know authentication was needed gets no error);</li>
 * <li>an error: its status, {@code WWW-Authenticate: Bearer realm="r", error="…",
 *     error_description="…"} plus {@code scope="…"} for {@code insufficient_scope}, and the JSON
 *     body {@code {"error":…,"error_description":…}};</li>
 * <li>{@code temporarily_unavailable}: 503 with {@code Retry-After} and the JSON body, no challenge.</li>
 * </ul>
 * The description in the header is reduced to the characters RFC 6750 §3 allows there (printable
 * ASCII without {@code "} and {@code \}: "§" becomes "section ", quotes become apostrophes, other
 * characters {@code ?}) and to 300 characters; the JSON body keeps it whole. Thread-safe.
 */
public final class BearerErrorWriter {
    /** The scheme named in every challenge, and the {@code getAuthType()} of authenticated requests. */
    public static final String SCHEME = "Bearer";
    private static final int MAX_HEADER_DESCRIPTION = 300;

    private final String realm;
    private final long retryAfterSeconds;

    /**
     * @param realm             the realm of the challenge; no quote or backslash (checked by the config)
     * @param retryAfterSeconds the {@code Retry-After} of a 503
     */
    public BearerErrorWriter(String realm, long retryAfterSeconds) {
        this.realm = realm;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** 401 with the bare challenge: the request carried no bearer token. */
    public void writeChallenge(HttpServletResponse response) {
        response.setStatus(401);
        noStore(response);
        response.setHeader("WWW-Authenticate", challenge());
        response.setContentLength(0);
    }

    public void write(HttpServletResponse response, BearerTokenException e) throws IOException {
        response.setStatus(e.status());
        noStore(response);
        if (e.error().challenges()) {
            response.setHeader("WWW-Authenticate", challenge(e));
        } else if (e.status() == 503) {
            response.setHeader("Retry-After", Long.toString(retryAfterSeconds));
        }
        byte[] body = ("{\"error\":\"" + e.error().value() + "\",\"error_description\":"
                + JsonText.quote(e.description()) + "}").getBytes(StandardCharsets.UTF_8);
        response.setContentType("application/json;charset=UTF-8");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /** {@code Bearer realm="r"}. */
    String challenge() {
        return SCHEME + " realm=\"" + realm + "\"";
    }

    /** {@code Bearer realm="r", error="…", error_description="…"[, scope="…"]}. */
    String challenge(BearerTokenException e) {
        StringBuilder b = new StringBuilder(challenge())
                .append(", error=\"").append(e.error().value()).append('"')
                .append(", error_description=\"").append(headerSafe(e.description())).append('"');
        if (!e.requiredScopes().isEmpty()) {
            b.append(", scope=\"").append(String.join(" ", e.requiredScopes())).append('"');
        }
        return b.toString();
    }

    private static void noStore(HttpServletResponse response) {
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Pragma", "no-cache");
    }

    /** RFC 6750 §3: error_description is %x20-21 / %x23-5B / %x5D-7E. */
    static String headerSafe(String description) {
        int length = Math.min(description.length(), MAX_HEADER_DESCRIPTION);
        StringBuilder b = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            char c = description.charAt(i);
            if (c == '\u00a7') {
                b.append("section ");
            } else {
                b.append(c == '"' ? '\'' : c == '\\' ? '/' : c < 0x20 || c > 0x7e ? '?' : c);
            }
        }
        return b.toString();
    }
}
