package io.tokengate.resource;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The scopes each request needs (RFC 6750 §3.1 {@code insufficient_scope}), by HTTP method and path.
 * Immutable and thread-safe.
 *
 * <h2>Syntax ({@code scope-rules} init-param)</h2>
 * <pre>
 * rules   = rule *( ( ";" / newline ) rule )
 * rule    = [ methods SP ] pattern "=" [ scope *( SP scope ) ]
 * methods = "*" / method *( "," method )      ; upper case; "*" or nothing: any method
 * pattern = "/exact/path" / "/prefix/*" / "*.ext" / "/*"
 * </pre>
 * For example:
 * <pre>
 * GET /api/orders/*=https://api.example/orders.read;
 * POST,PUT,DELETE /api/orders/*=https://api.example/orders.write;
 * /api/admin/*=https://api.example/admin https://api.example/orders.write;
 * GET /api/orders/health=
 * </pre>
 * Every scope listed in a rule is needed (all of them, not any). An empty list means a valid token
 * is enough, which lets a rule exempt a path from a broader one. A scope cannot contain {@code ;}.
 *
 * <h2>Which rule applies</h2>
 * Only rules whose methods include the request's method (or that name none) are considered; a rule
 * for {@code GET} also covers {@code HEAD}. Of those, the most specific pattern wins, whatever the
 * order written: an exact path, then the longest matching {@code /prefix/*} (which also matches
 * {@code /prefix} itself), then {@code *.ext}, then {@code /*}. For the same pattern, a rule naming
 * the method beats one for any method. Two rules with the same pattern for the same method are
 * refused at start-up. When no rule applies, a valid token is enough. Paths are compared as the
 * container decoded and normalised them ({@code getServletPath() + getPathInfo()}).
 */
public final class ScopeRules {
    private static final ScopeRules NONE = new ScopeRules(List.of());

    private final List<Entry> entries;

    private ScopeRules(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    public static ScopeRules none() {
        return NONE;
    }

    /**
     * @throws IllegalArgumentException when two rules have the same pattern and share a method
     */
    public static ScopeRules of(List<ScopeRule> rules) {
        List<Entry> entries = new ArrayList<>();
        for (ScopeRule rule : rules) {
            for (Entry e : entries) {
                if (e.rule.pattern().equals(rule.pattern()) && overlap(e.rule.methods(), rule.methods())) {
                    throw new IllegalArgumentException("scope rules '" + e.rule + "' and '" + rule
                            + "' apply to the same pattern and method; merge them into one");
                }
            }
            entries.add(Entry.of(rule));
        }
        return new ScopeRules(entries);
    }

    /**
     * Parses the syntax above.
     *
     * @throws IllegalArgumentException naming the rule that is malformed
     */
    public static ScopeRules parse(String text) {
        List<ScopeRule> rules = new ArrayList<>();
        for (String raw : text.split("[;\\n\\r]")) {
            String rule = raw.trim();
            if (rule.isEmpty()) {
                continue;
            }
            try {
                rules.add(parseRule(rule));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("scope rule '" + rule + "': " + e.getMessage(), e);
            }
        }
        return of(rules);
    }

    private static ScopeRule parseRule(String rule) {
        int equals = rule.indexOf('=');
        if (equals < 0) {
            throw new IllegalArgumentException("expected [METHODS] pattern=scopes, e.g. GET /api/orders/*=orders.read");
        }
        String[] left = rule.substring(0, equals).trim().split("\\s+");
        if (left.length > 2 || left[0].isEmpty()) {
            throw new IllegalArgumentException("expected at most a method list and one path pattern before '='");
        }
        Set<String> methods = left.length == 1 || left[0].equals("*") ? Set.of() : Set.of(left[0].split(","));
        String right = rule.substring(equals + 1).trim();
        List<String> scopes = right.isEmpty() ? List.of() : List.of(right.split("\\s+"));
        return new ScopeRule(methods, left[left.length - 1], scopes);
    }

    private static boolean overlap(Set<String> a, Set<String> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return a.isEmpty() && b.isEmpty();
        }
        Set<String> shared = new HashSet<>(a);
        shared.retainAll(b);
        return !shared.isEmpty();
    }

    /** The rule that applies to the request, if any. */
    public Optional<ScopeRule> match(String method, String path) {
        Entry best = null;
        int bestMethodRank = -1;
        for (Entry e : entries) {
            int methodRank = e.rule.methodRank(method);
            if (methodRank < 0 || !e.matches(path)) {
                continue;
            }
            if (best == null || Entry.SPECIFICITY.compare(e, best) < 0
                    || Entry.SPECIFICITY.compare(e, best) == 0 && methodRank > bestMethodRank) {
                best = e;
                bestMethodRank = methodRank;
            }
        }
        return best == null ? Optional.empty() : Optional.of(best.rule);
    }

    /** The scopes the request needs; empty when a valid token is enough. */
    public List<String> requiredScopes(String method, String path) {
        return match(method, path).map(ScopeRule::scopes).orElse(List.of());
    }

    public List<ScopeRule> rules() {
        return entries.stream().map(Entry::rule).toList();
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** The rules in the syntax {@link #parse} reads. */
    @Override
    public String toString() {
        return entries.stream().map(e -> e.rule.toString()).collect(Collectors.joining("; "));
    }

    /** A rule with its pattern taken apart once, so matching a request allocates nothing. */
    private record Entry(ScopeRule rule, ScopeRule.Kind kind, String stem) {
        /** Lower is more specific: by kind, then the longer stem. */
        static final Comparator<Entry> SPECIFICITY = Comparator.comparing(Entry::kind)
                .thenComparing(Comparator.comparingInt((Entry e) -> e.stem.length()).reversed());

        static Entry of(ScopeRule rule) {
            ScopeRule.Kind kind = ScopeRule.kindOf(rule.pattern());
            String p = rule.pattern();
            return new Entry(rule, kind, switch (kind) {
                case EXACT -> p;
                case PREFIX -> p.substring(0, p.length() - 2);
                case EXTENSION -> p.substring(1);
                case ALL -> "";
            });
        }

        boolean matches(String path) {
            return switch (kind) {
                case EXACT -> stem.equals(path);
                case PREFIX -> path.startsWith(stem) && (path.length() == stem.length() || path.charAt(stem.length()) == '/');
                case EXTENSION -> path.endsWith(stem);
                case ALL -> true;
            };
        }
    }
}
