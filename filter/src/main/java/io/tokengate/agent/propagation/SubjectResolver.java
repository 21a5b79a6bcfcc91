package io.tokengate.agent.propagation;

import io.tokengate.resource.TokenPrincipal;
import io.tokengate.resource.ValidatedToken;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.util.Optional;

/**
 * Names the user of a request, by {@link IdentityPropagationConfig}: a {@link TokenPrincipal} of
 * {@link io.tokengate.resource.BearerTokenFilter} by {@code sub} (or the configured claim), empty
 * for a client's own token unless client tokens are included; any other principal (container
 * login) by its name; no principal or a blank name is no user.
 */
final class SubjectResolver {
    private final IdentityPropagationConfig config;

    SubjectResolver(IdentityPropagationConfig config) {
        this.config = config;
    }

    Optional<String> subjectOf(HttpServletRequest request) {
        Principal principal = request.getUserPrincipal();
        if (principal == null) {
            return Optional.empty();
        }
        if (principal instanceof TokenPrincipal tokenPrincipal) {
            return subjectOf(tokenPrincipal.token());
        }
        return nonBlank(principal.getName());
    }

    private Optional<String> subjectOf(ValidatedToken token) {
        if (!config.includeClientTokens() && token.subject().equals(token.clientId())) {
            return Optional.empty();
        }
        if (config.subjectClaim().isEmpty()) {
            return nonBlank(token.subject());
        }
        Object value = token.claims().get(config.subjectClaim().get());
        return value instanceof String s ? nonBlank(s) : Optional.empty();
    }

    private static Optional<String> nonBlank(String name) {
        return name == null || name.isBlank() ? Optional.empty() : Optional.of(name);
    }
}
