package io.tokengate.agent;

import java.util.Objects;
import java.util.Optional;

/**
 * A token request failed: the token endpoint answered with an RFC 6749 §5.2 error, or could not be
 * reached in time. {@link #error()} is the RFC code the server sent ({@code invalid_client},
 * {@code invalid_grant}, …), {@code server_error} for a 5xx without one, or
 * {@code temporarily_unavailable} when the endpoint was unreachable or too slow. The message says
 * what happened and never holds a token, secret or assertion.
 */
public final class TokenRequestException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String error;
    private final int status;
    private final boolean retryable;

    /**
     * @param error     the RFC 6749 §5.2 code
     * @param message   what went wrong and what to fix
     * @param status    the HTTP status, 0 when there was no response
     * @param retryable whether trying again later may help (I/O, 5xx, 429), as opposed to a refusal
     * @param cause     the I/O failure, if any
     */
    public TokenRequestException(String error, String message, int status, boolean retryable, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.error = Objects.requireNonNull(error, "error");
        this.status = status;
        this.retryable = retryable;
    }

    /** The RFC 6749 §5.2 error code. */
    public String error() {
        return error;
    }

    /** The HTTP status of the token endpoint's answer, if there was one. */
    public Optional<Integer> status() {
        return status == 0 ? Optional.empty() : Optional.of(status);
    }

    /** Whether trying again later may help: the endpoint was unreachable, failed (5xx) or throttled (429). */
    public boolean retryable() {
        return retryable;
    }

    @Override
    public String toString() {
        return "TokenRequestException[" + error + (status == 0 ? "" : " (" + status + ")") + "]: " + getMessage();
    }
}
