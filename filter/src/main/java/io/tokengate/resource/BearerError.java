package io.tokengate.resource;

/**
 * The error codes a resource server answers with (RFC 6750 §3.1), each with its HTTP status. This
 * enum is the one table that maps them. {@link #TEMPORARILY_UNAVAILABLE} is not an RFC 6750 code:
 * it is sent when the issuer's keys cannot be had at all, which says nothing about the token, so
 * the client is told to retry rather than to fetch a new token. Nor is {@link #SERVER_ERROR}.
 */
public enum BearerError {
    /** Malformed request: two Authorization headers, a bad credentials syntax, a refused query token. */
    INVALID_REQUEST("invalid_request", 400),
    /** Expired, revoked, malformed or otherwise unacceptable access token. */
    INVALID_TOKEN("invalid_token", 401),
    /** The token is valid but lacks a scope the resource needs. */
    INSUFFICIENT_SCOPE("insufficient_scope", 403),
    /** The issuer's keys could not be fetched and none are cached (503, no challenge). */
    TEMPORARILY_UNAVAILABLE("temporarily_unavailable", 503),
    /** Anything unexpected, logged once by the filter (500, no challenge). */
    SERVER_ERROR("server_error", 500);

    private final String value;
    private final int status;

    BearerError(String value, int status) {
        this.value = value;
        this.status = status;
    }

    /** The code as sent in the {@code error} attribute and JSON member. */
    public String value() {
        return value;
    }

    public int status() {
        return status;
    }

    /** Whether the answer carries a {@code WWW-Authenticate: Bearer} challenge (RFC 6750 §3). */
    public boolean challenges() {
        return status == 400 || status == 401 || status == 403;
    }
}
