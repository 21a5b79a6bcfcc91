package io.tokengate.error;

/**
 * The error codes of RFC 6749 §5.2 (token endpoint), and RFC 7591 §3.2.2's
 * {@code invalid_client_metadata} (client registration), with the HTTP status each one maps to.
 * This enum is the one table that maps codes to statuses; an {@link OAuth2Exception} may
 * override the status only for transport-level refusals (405, 413).
 */
public enum ErrorCode {
    INVALID_REQUEST("invalid_request", 400),
    INVALID_CLIENT("invalid_client", 401),
    INVALID_GRANT("invalid_grant", 400),
    UNAUTHORIZED_CLIENT("unauthorized_client", 400),
    UNSUPPORTED_GRANT_TYPE("unsupported_grant_type", 400),
    INVALID_SCOPE("invalid_scope", 400),
    /** RFC 7591 §3.2.2: a client metadata member of a registration request is missing, malformed or contradictory. */
    INVALID_CLIENT_METADATA("invalid_client_metadata", 400),
    SERVER_ERROR("server_error", 500),
    TEMPORARILY_UNAVAILABLE("temporarily_unavailable", 503);

    private final String value;
    private final int status;

    ErrorCode(String value, int status) {
        this.value = value;
        this.status = status;
    }

    /** The code as it appears in the {@code error} member of the JSON response. */
    public String value() {
        return value;
    }

    /** The HTTP status RFC 6749 §5.2 prescribes for this code. */
    public int status() {
        return status;
    }
}
