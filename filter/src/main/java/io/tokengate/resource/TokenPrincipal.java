package io.tokengate.resource;

import java.security.Principal;
import java.util.Objects;

/**
 * The caller of a request authenticated by {@link BearerTokenFilter}: named by the token's
 * {@code sub} (RFC 9068 §2.2: the resource owner, or the client when none took part), with the
 * whole validated token at hand. Immutable.
 *
 * @param token the validated access token
 */
public record TokenPrincipal(ValidatedToken token) implements Principal {
    public TokenPrincipal {
        Objects.requireNonNull(token, "token");
    }

    /** The {@code sub} claim. */
    @Override
    public String getName() {
        return token.subject();
    }

    @Override
    public String toString() {
        return "TokenPrincipal[" + token.subject() + "]";
    }
}
