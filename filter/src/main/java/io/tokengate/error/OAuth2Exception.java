package io.tokengate.error;

import java.util.Objects;

/**
 * The one error type of Tokengate: an RFC 6749 §5.2 error with a description that tells the
 * caller what to fix. Thrown anywhere below the endpoint filters and turned into the JSON error
 * response by {@link ErrorResponseWriter}. The description is sent to the client and logged, so
 * it must never contain a secret, token or key.
 */
public final class OAuth2Exception extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;
    private final int status;

    /** An error with the status that {@code code} maps to. */
    public OAuth2Exception(ErrorCode code, String description) {
        this(code, description, code.status());
    }

    /** An error with an explicit HTTP status, for transport refusals such as 405 and 413. */
    public OAuth2Exception(ErrorCode code, String description, int status) {
        super(Objects.requireNonNull(description, "description"), null, false, false);
        this.code = Objects.requireNonNull(code, "code");
        this.status = status;
    }

    public static OAuth2Exception invalidRequest(String description) {
        return new OAuth2Exception(ErrorCode.INVALID_REQUEST, description);
    }

    public static OAuth2Exception invalidClient(String description) {
        return new OAuth2Exception(ErrorCode.INVALID_CLIENT, description);
    }

    public static OAuth2Exception invalidGrant(String description) {
        return new OAuth2Exception(ErrorCode.INVALID_GRANT, description);
    }

    public static OAuth2Exception unauthorizedClient(String description) {
        return new OAuth2Exception(ErrorCode.UNAUTHORIZED_CLIENT, description);
    }

    public static OAuth2Exception invalidScope(String description) {
        return new OAuth2Exception(ErrorCode.INVALID_SCOPE, description);
    }

    public ErrorCode code() {
        return code;
    }

    public int status() {
        return status;
    }

    /** What to tell the client; the {@code error_description} member. */
    public String description() {
        return getMessage();
    }

    @Override
    public String toString() {
        return code.value() + " (" + status + "): " + getMessage();
    }
}
