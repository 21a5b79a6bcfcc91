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
 * @param family     the refresh token family the token was minted from, as the private claim
 *                   {@value #FAMILY_CLAIM}: revoking the family revokes the token too (RFC 7009 §2.1)
 */
public record AccessTokenClaims(String subject, String clientId, List<String> scopes, List<String> audiences,
        Optional<String> thumbprint, Optional<String> family) {
    /** The private claim (RFC 7519 §4.3) naming the refresh token family an access token came from. */
    public static final String FAMILY_CLAIM = "tokengate_family";

    /** Claims of a token minted without a refresh token family. */
    public AccessTokenClaims(String subject, String clientId, List<String> scopes, List<String> audiences,
            Optional<String> thumbprint) {
        this(subject, clientId, scopes, audiences, thumbprint, Optional.empty());
    }

    public AccessTokenClaims {
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(clientId, "clientId");
        scopes = List.copyOf(scopes);
        audiences = List.copyOf(audiences);
        Objects.requireNonNull(thumbprint, "thumbprint");
    }
}
