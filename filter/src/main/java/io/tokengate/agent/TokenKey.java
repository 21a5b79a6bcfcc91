package io.tokengate.agent;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * What a cached token is for: the subject it carries (empty: the client itself), the resource
 * server audience and the scopes. Two keys with the same scopes in another order are equal.
 *
 * @param subject  the user, or empty for the client's own identity
 * @param audience the resource server the token is for
 * @param scopes   the scopes, sorted and without duplicates
 */
public record TokenKey(Optional<String> subject, String audience, List<String> scopes) {

    public TokenKey {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(audience, "audience");
        scopes = ascending(scopes) ? List.copyOf(scopes) : List.copyOf(new TreeSet<>(scopes));
    }

    /** Whether already sorted without duplicates: then an immutable list is kept as it is (no copy on the hot path). */
    private static boolean ascending(List<String> scopes) {
        for (int i = 1; i < scopes.size(); i++) {
            if (scopes.get(i - 1).compareTo(scopes.get(i)) >= 0) {
                return false;
            }
        }
        return true;
    }

    /** A key for {@code subject} (may be {@code null}: the client itself). */
    public static TokenKey of(String subject, String audience, Collection<String> scopes) {
        return new TokenKey(Optional.ofNullable(subject), audience, List.copyOf(scopes));
    }

    /** The {@code scope} parameter: the scopes separated by spaces (RFC 6749 §3.3). */
    public String scopeParameter() {
        return String.join(" ", scopes);
    }

    @Override
    public String toString() {
        return "TokenKey[" + subject.orElse("(client)") + ", " + audience + ", " + scopes + "]";
    }
}
