package io.tokengate.store;

/**
 * The store behind a lookup or write cannot be reached (database down, pool exhausted, connection
 * lost). Nothing was changed, or the change was rolled back. The endpoints answer it with HTTP 503
 * and {@code temporarily_unavailable} (RFC 6749 §5.2 as amended by errata 4982 for the token
 * endpoint) and a {@code Retry-After}; the next request tries the database again, so service
 * resumes by itself when it is back. The message names the store and never holds a secret.
 */
public final class StoreUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
