package io.tokengate.token;

import java.time.Instant;

/**
 * A signed access token and the facts the token response needs (RFC 6749 §5.1). Its
 * {@link #toString()} hides the token so that it never reaches a log by accident.
 */
public record IssuedToken(String value, String jti, Instant expiresAt, long expiresIn) {
    @Override
    public String toString() {
        return "IssuedToken[jti=" + jti + ", expiresAt=" + expiresAt + "]";
    }
}
