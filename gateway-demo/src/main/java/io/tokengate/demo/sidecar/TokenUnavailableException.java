package io.tokengate.demo.sidecar;

/**
 * The egress sidecar could not obtain a token: the token endpoint answered with an RFC 6749 §5.2
 * error ({@link #error()}, e.g. {@code invalid_grant}) or could not be reached
 * ({@code temporarily_unavailable}). The message says what happened and never holds a credential.
 */
public final class TokenUnavailableException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String error;

    public TokenUnavailableException(String error, String message, Throwable cause) {
        super(message, cause);
        this.error = error;
    }

    /** The RFC 6749 §5.2 error code, or {@code temporarily_unavailable} when the endpoint was not reached. */
    public String error() {
        return error;
    }
}
