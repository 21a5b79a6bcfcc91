package io.tokengate.token;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What an access token says (RFC 9068 §2.2), before it is signed. Immutable.
 *
 * @param subject    {@code sub}: the resource owner, or the client itself when none takes part
 * @param clientId   {@code client_id}
 * @param scopes     granted scopes, in the order they will appear in {@code scope}
 * @param audiences  {@code aud}: the resource servers the scopes belong to
 * @param thumbprint {@code cnf.x5t#S256} when the token is bound to a client certificate (RFC 8705 §3.1)
 */
public record AccessTokenClaims(String subject, String clientId, List<String> scopes, List<String> audiences,
        Optional<String> thumbprint) {
    public AccessTokenClaims {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(clientId, "clientId");
        scopes = List.copyOf(scopes);
        audiences = List.copyOf(audiences);
        Objects.requireNonNull(thumbprint, "thumbprint");
    }
}
