package io.tokengate.agent;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An access token the agent obtained (RFC 6749 §5.1), with the refresh token that came with it.
 * Immutable; {@link #toString()} never shows either token.
 *
 * @param value        the access token
 * @param tokenType    the {@code token_type}, {@code Bearer}
 * @param expiresAt    when it expires, by the agent's clock ({@code expires_in} after it was received)
 * @param scopes       the granted scopes ({@code scope}, or the requested ones when the server did not say)
 * @param refreshToken the refresh token, when the server issued one
 */
public record AccessToken(String value, String tokenType, Instant expiresAt, List<String> scopes,
        Optional<String> refreshToken) {

    public AccessToken {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(tokenType, "tokenType");
        Objects.requireNonNull(expiresAt, "expiresAt");
        scopes = List.copyOf(scopes);
        Objects.requireNonNull(refreshToken, "refreshToken");
    }

    /** The {@code Authorization} header value: {@code Bearer <token>} (RFC 6750 §2.1). */
    public String authorizationHeader() {
        return "Bearer " + value;
    }

    @Override
    public String toString() {
        return "AccessToken[" + tokenType + ", expires " + expiresAt + ", scopes " + scopes
                + (refreshToken.isPresent() ? ", with refresh token" : "") + "]";
    }
}
