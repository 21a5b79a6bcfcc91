package io.tokengate.agent.propagation;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * How {@link IdentityPropagationFilter} names the user of a request. Immutable; made by
 * {@link #builder()} in code or {@link #fromParameters(Function)} from {@code web.xml} init-params.
 *
 * @param includeClientTokens init-param {@value #INCLUDE_CLIENT_TOKENS}, default {@code false}: whether a
 *                            bearer token without a user (its {@code sub} is its {@code client_id}, RFC 9068
 *                            §2.2, as the client credentials and {@code tls_client_auth} grants issue them)
 *                            propagates that client as the subject; by default such a request has no user
 *                            and outbound calls go out as this application itself
 * @param subjectClaim        init-param {@value #SUBJECT_CLAIM}, default none: for a request authenticated by
 *                            {@link io.tokengate.resource.BearerTokenFilter}, the token claim that names the user
 *                            (a string, e.g. {@code preferred_username}) instead of {@code sub}; a token without
 *                            it has no user. Container logins are always named by {@code getUserPrincipal().getName()}
 * @param contextAttribute    init-param {@value #CONTEXT_ATTRIBUTE}, default {@value #DEFAULT_CONTEXT_ATTRIBUTE}:
 *                            the servlet context attribute under which the filter publishes its
 *                            {@link io.tokengate.agent.SubjectSource}
 */
public record IdentityPropagationConfig(boolean includeClientTokens, Optional<String> subjectClaim,
        String contextAttribute) {
    public static final String INCLUDE_CLIENT_TOKENS = "include-client-tokens";
    public static final String SUBJECT_CLAIM = "subject-claim";
    public static final String CONTEXT_ATTRIBUTE = "context-attribute";
    public static final String DEFAULT_CONTEXT_ATTRIBUTE = "io.tokengate.agent.SubjectSource";

    public IdentityPropagationConfig {
        Objects.requireNonNull(subjectClaim, SUBJECT_CLAIM);
        subjectClaim.ifPresent(claim -> {
            if (claim.isBlank() || !claim.equals(claim.trim())) {
                throw new IllegalArgumentException(SUBJECT_CLAIM + " must be a claim name without surrounding blanks, was '"
                        + claim + "'");
            }
        });
        if (contextAttribute == null || contextAttribute.isBlank()) {
            throw new IllegalArgumentException(CONTEXT_ATTRIBUTE + " must be a non-empty attribute name");
        }
    }

    /** The defaults: users only, named by {@code sub} or the container's principal name. */
    public static IdentityPropagationConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads the init-params named above; absent or blank ones take their defaults.
     *
     * @throws IllegalArgumentException naming the init-param whose value is not valid
     */
    public static IdentityPropagationConfig fromParameters(Function<String, String> parameters) {
        Function<String, Optional<String>> p = name -> Optional.ofNullable(parameters.apply(name))
                .map(String::trim).filter(s -> !s.isEmpty());
        Builder b = builder();
        p.apply(INCLUDE_CLIENT_TOKENS).ifPresent(v -> b.includeClientTokens(bool(INCLUDE_CLIENT_TOKENS, v)));
        p.apply(SUBJECT_CLAIM).ifPresent(b::subjectClaim);
        p.apply(CONTEXT_ATTRIBUTE).ifPresent(b::contextAttribute);
        return b.build();
    }

    private static boolean bool(String name, String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("init-param '" + name + "' must be true or false, was '" + value + "'");
        };
    }

    /** Collects the options; {@link #build()} validates them. */
    public static final class Builder {
        private boolean includeClientTokens;
        private String subjectClaim;
        private String contextAttribute = DEFAULT_CONTEXT_ATTRIBUTE;

        private Builder() {
        }

        public Builder includeClientTokens(boolean v) {
            this.includeClientTokens = v;
            return this;
        }

        public Builder subjectClaim(String v) {
            this.subjectClaim = Objects.requireNonNull(v, SUBJECT_CLAIM);
            return this;
        }

        public Builder contextAttribute(String v) {
            this.contextAttribute = v;
            return this;
        }

        public IdentityPropagationConfig build() {
            return new IdentityPropagationConfig(includeClientTokens, Optional.ofNullable(subjectClaim), contextAttribute);
        }
    }
}
