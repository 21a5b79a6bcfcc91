package io.tokengate.resource;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import java.util.Optional;

/**
 * Finds the bearer token of a request (RFC 6750 §2): the {@code Authorization: Bearer} header
 * (§2.1; scheme case-insensitive, exactly one header), or, only when allowed, the
 * {@code access_token} query parameter (§2.3). The token68 syntax of the token is left to
 * {@link AccessTokenValidator}, which checks it only for tokens not in its cache: a cached token is
 * identical to one that passed, and the check is a third of the cost of a cache hit. The form-encoded body parameter (§2.2) is not
 * supported: reading the body would consume it before the application sees it. Returns empty when
 * the request carries no bearer credentials (no header, or another scheme such as Basic); throws
 * {@code invalid_request} when it carries them malformed, twice, or in a refused place.
 * Reads only the query string, never {@code getParameter}, so the body stays untouched. Thread-safe.
 */
final class BearerTokenExtractor {
    static final String AUTHORIZATION = "Authorization";
    static final String QUERY_PARAMETER = "access_token";
    private static final String SCHEME = "bearer";

    /** Where the token was found. */
    record Found(String token, boolean fromQuery) {
    }

    private final boolean allowQuery;

    BearerTokenExtractor(boolean allowQuery) {
        this.allowQuery = allowQuery;
    }

    Optional<Found> extract(HttpServletRequest request) {
        String fromHeader = header(request);
        String fromQuery = query(request.getQueryString());
        if (fromQuery != null) {
            if (!allowQuery) {
                throw BearerTokenException.invalidRequest("access tokens in the URI query are refused, they end up in"
                        + " logs (RFC 6750 §5.3); send the token in the Authorization header");
            }
            if (fromHeader != null) {
                throw BearerTokenException.invalidRequest("the request carries an access token both in the Authorization"
                        + " header and in the query; use one method only (RFC 6750 §2)");
            }
            return Optional.of(new Found(fromQuery, true));
        }
        return fromHeader == null ? Optional.empty() : Optional.of(new Found(fromHeader, false));
    }

    /** The credentials of the one {@code Bearer} Authorization header, or null when there is none. */
    private static String header(HttpServletRequest request) {
        Enumeration<String> headers = request.getHeaders(AUTHORIZATION);
        String value = headers != null && headers.hasMoreElements() ? headers.nextElement() : null;
        if (value == null) {
            return null;
        }
        if (headers.hasMoreElements()) {
            throw BearerTokenException.invalidRequest("the request carries more than one Authorization header; send"
                    + " exactly one");
        }
        String v = value.strip();
        int space = v.indexOf(' ');
        String scheme = space < 0 ? v : v.substring(0, space);
        if (!scheme.equalsIgnoreCase(SCHEME)) {
            return null;
        }
        String credentials = space < 0 ? "" : v.substring(space + 1).stripLeading();
        if (credentials.isEmpty()) {
            throw BearerTokenException.invalidRequest("the Authorization header names the Bearer scheme but carries no"
                    + " token");
        }
        return credentials;
    }

    /** The value of the only {@code access_token} query parameter, or null. */
    private static String query(String query) {
        if (query == null || !query.contains(QUERY_PARAMETER)) {
            return null;
        }
        String found = null;
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            if (!name.equals(QUERY_PARAMETER)) {
                continue;
            }
            if (found != null) {
                throw BearerTokenException.invalidRequest("the access_token query parameter is repeated");
            }
            try {
                found = URLDecoder.decode(eq < 0 ? "" : pair.substring(eq + 1), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw BearerTokenException.invalidRequest("the access_token query parameter is not URL-encoded correctly");
            }
        }
        return found;
    }
}
