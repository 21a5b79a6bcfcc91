package io.tokengate.resource;

import java.util.Objects;
import java.util.List;

/**
 * The one error type of the resource-server side: an RFC 6750 §3.1 error with a description that
 * says what is wrong, and for {@code insufficient_scope} the scopes the resource needs. Turned into
 * the response by {@link BearerErrorWriter}. The description goes to the client and the log, so it
 * never contains the token, a key or a secret. No stack trace is captured: these are expected.
 */
public final class BearerTokenException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final BearerError error;
    private final transient List<String> requiredScopes;

    public BearerTokenException(BearerError error, String description) {
        this(error, description, List.of());
    }

    private BearerTokenException(BearerError error, String description, List<String> requiredScopes) {
        super(Objects.requireNonNull(description, "description"), null, false, false);
        this.error = Objects.requireNonNull(error, "error");
        this.requiredScopes = List.copyOf(requiredScopes);
    }

    public static BearerTokenException invalidRequest(String description) {
        return new BearerTokenException(BearerError.INVALID_REQUEST, description);
    }

    public static BearerTokenException invalidToken(String description) {
        return new BearerTokenException(BearerError.INVALID_TOKEN, description);
    }

    /** @param required every scope the resource needs, sent in the challenge's {@code scope} attribute */
    public static BearerTokenException insufficientScope(String description, List<String> required) {
        return new BearerTokenException(BearerError.INSUFFICIENT_SCOPE, description, required);
    }

    public BearerError error() {
        return error;
    }

    public int status() {
        return error.status();
    }

    /** The {@code error_description}. */
    public String description() {
        return getMessage();
    }

    /** The scopes the resource needs, in rule order; empty unless the error is {@code insufficient_scope}. */
    public List<String> requiredScopes() {
        return requiredScopes;
    }

    @Override
    public String toString() {
        return error.value() + " (" + error.status() + "): " + getMessage();
    }
}
