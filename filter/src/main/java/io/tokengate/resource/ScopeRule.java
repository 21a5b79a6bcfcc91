package io.tokengate.resource;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One line of {@link ScopeRules}: the scopes (RFC 6749 §3.3 scope-tokens) a token needs for the
 * requests whose method and path match. Immutable.
 *
 * <p>Path patterns are those of servlet mappings: an exact path ({@code /api/status}), a path
 * prefix ({@code /api/orders/*}, which also matches {@code /api/orders} itself), an extension
 * ({@code *.pdf}) or the catch-all {@code /*}.
 *
 * @param methods the HTTP methods, upper case as sent (RFC 9110 §9.1); empty for any method. A rule
 *                for {@code GET} also covers {@code HEAD} unless another rule names {@code HEAD}
 * @param pattern the path pattern
 * @param scopes  every scope needed, in the order written; empty when a valid token is enough
 */
public record ScopeRule(Set<String> methods, String pattern, List<String> scopes) {
    private static final Pattern METHOD = Pattern.compile("[A-Z][A-Z0-9_-]*");
    /** RFC 6749 §3.3: scope-token = 1*( %x21 / %x23-5B / %x5D-7E ). */
    private static final Pattern SCOPE_TOKEN = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]+");

    /** How a pattern matches, from most to least specific. */
    enum Kind { EXACT, PREFIX, EXTENSION, ALL }

    public ScopeRule {
        methods = Set.copyOf(methods);
        for (String m : methods) {
            if (!METHOD.matcher(m).matches()) {
                throw new IllegalArgumentException("'" + m + "' is not an HTTP method: write it in upper case, e.g. GET");
            }
        }
        kindOf(Objects.requireNonNull(pattern, "pattern"));
        scopes = List.copyOf(new LinkedHashSet<>(scopes));
        for (String s : scopes) {
            if (!SCOPE_TOKEN.matcher(s).matches()) {
                throw new IllegalArgumentException("'" + s + "' is not a scope (RFC 6749 §3.3: printable ASCII,"
                        + " no space, quote or backslash)");
            }
        }
    }

    /** A rule for any method. */
    public static ScopeRule any(String pattern, String... scopes) {
        return new ScopeRule(Set.of(), pattern, List.of(scopes));
    }

    static Kind kindOf(String pattern) {
        if (pattern.equals("/*")) {
            return Kind.ALL;
        }
        if (pattern.startsWith("*.") && pattern.length() > 2 && pattern.indexOf('/') < 0
                && pattern.indexOf('*', 1) < 0) {
            return Kind.EXTENSION;
        }
        if (!pattern.startsWith("/") || pattern.equals("/") || pattern.contains("=") || pattern.chars().anyMatch(
                c -> c <= 0x20 || c == ';')) {
            throw new IllegalArgumentException("path pattern '" + pattern + "' must be an exact path such as /api/status,"
                    + " a prefix such as /api/orders/*, an extension such as *.pdf, or /* for every path");
        }
        int star = pattern.indexOf('*');
        if (star < 0) {
            return Kind.EXACT;
        }
        if (star == pattern.length() - 1 && pattern.endsWith("/*")) {
            return Kind.PREFIX;
        }
        throw new IllegalArgumentException("path pattern '" + pattern + "' may hold '*' only as a final '/*' or a"
                + " leading '*.' (servlet mapping syntax)");
    }

    /** 2 when the rule names {@code method}, 1 when its GET covers HEAD, 0 for any method, -1 when it does not apply. */
    int methodRank(String method) {
        if (methods.isEmpty()) {
            return 0;
        }
        if (methods.contains(method)) {
            return 2;
        }
        return "HEAD".equals(method) && methods.contains("GET") ? 1 : -1;
    }

    /** The rule in {@link ScopeRules} syntax. */
    @Override
    public String toString() {
        return (methods.isEmpty() ? "" : String.join(",", methods.stream().sorted().toList()) + " ")
                + pattern + "=" + String.join(" ", scopes);
    }
}
