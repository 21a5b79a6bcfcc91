package io.tokengate.registration;

import io.tokengate.registry.SecretHash;
import io.tokengate.resource.BearerTokenException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Enumeration;
import java.util.Locale;
import java.util.Objects;

/**
 * The administrator credential that protects client registration: a bearer token (RFC 6750 §2.1,
 * the "initial access token" of RFC 7591 §3) sent as {@code Authorization: Bearer TOKEN}, of which
 * only the hash is configured ({@code {sha256}} for a generated token, {@code {bcrypt}} for one a
 * person chose). The comparison is constant-time in the token's content ({@link SecretHash}). The
 * token is never logged. Thread-safe.
 */
public final class AdminCredential {
    /** Whether a request carries the credential at all. */
    public enum Presented {
        /** The configured token: the request may proceed. */
        ACCEPTED,
        /** No bearer token (no Authorization header, or another scheme): answer with the bare challenge (RFC 6750 §3.1). */
        MISSING
    }

    private final SecretHash hash;

    public AdminCredential(SecretHash hash) {
        this.hash = Objects.requireNonNull(hash, "hash");
    }

    /**
     * @throws BearerTokenException {@code invalid_token} (401) for a token that is not the configured one,
     *         {@code invalid_request} (400) for two Authorization headers or a Bearer header without a token
     */
    public Presented check(HttpServletRequest request) {
        Enumeration<String> headers = request.getHeaders("Authorization");
        String value = headers != null && headers.hasMoreElements() ? headers.nextElement() : null;
        if (value == null) {
            return Presented.MISSING;
        }
        if (headers.hasMoreElements()) {
            throw BearerTokenException.invalidRequest("the request carries more than one Authorization header; send"
                    + " exactly one with the administrator's bearer token");
        }
        String v = value.strip();
        int space = v.indexOf(' ');
        String scheme = space < 0 ? v : v.substring(0, space);
        if (!scheme.toLowerCase(Locale.ROOT).equals("bearer")) {
            return Presented.MISSING;
        }
        String token = space < 0 ? "" : v.substring(space + 1).strip();
        if (token.isEmpty()) {
            throw BearerTokenException.invalidRequest("the Authorization header names the Bearer scheme but carries no token");
        }
        if (!hash.matches(token)) {
            throw BearerTokenException.invalidToken("the bearer token is not the administrator credential configured"
                    + " for client registration (registration-admin-token-hash)");
        }
        return Presented.ACCEPTED;
    }
}
