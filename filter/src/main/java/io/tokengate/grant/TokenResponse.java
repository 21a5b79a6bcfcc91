package io.tokengate.grant;

import io.tokengate.http.JsonText;
import java.util.List;
import java.util.Optional;

/**
 * A successful token response (RFC 6749 §5.1). {@code scope} is always sent, so the client knows
 * what it got even when it asked for nothing or for {@code urn:opc:idm:__myscopes__}.
 * {@link #toString()} hides the tokens.
 */
public record TokenResponse(String accessToken, String tokenType, long expiresIn, List<String> scopes,
        Optional<String> refreshToken) {

    public TokenResponse {
        scopes = List.copyOf(scopes);
    }

    /** The JSON body, written directly: the shape is fixed and this runs for every token. */
    public String toJson() {
        StringBuilder b = new StringBuilder(accessToken.length() + 128)
                .append("{\"access_token\":").append(JsonText.quote(accessToken))
                .append(",\"token_type\":").append(JsonText.quote(tokenType))
                .append(",\"expires_in\":").append(expiresIn);
        if (!scopes.isEmpty()) {
            b.append(",\"scope\":").append(JsonText.quote(String.join(" ", scopes)));
        }
        refreshToken.ifPresent(t -> b.append(",\"refresh_token\":").append(JsonText.quote(t)));
        return b.append('}').toString();
    }

    @Override
    public String toString() {
        return "TokenResponse[" + tokenType + ", expiresIn=" + expiresIn + ", scope=" + scopes + "]";
    }
}
