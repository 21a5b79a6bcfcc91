package io.tokengate.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ScopeRulesTest {
    private static final String READ = "https://demo-api.tokengate.test/orders.read";
    private static final String WRITE = "https://demo-api.tokengate.test/orders.write";
    private static final String ADMIN = "https://demo-api.tokengate.test/admin";

    private final ScopeRules rules = ScopeRules.parse("GET /api/orders/*=" + READ + "; POST,PUT /api/orders/*=" + WRITE
            + ";\n /api/admin/*=" + ADMIN + " " + WRITE + "; GET /api/orders/health=");

    @Test
    void parseWhenBriefExampleThenMethodAndPrefixRules() {
        assertEquals(List.of(READ), rules.requiredScopes("GET", "/api/orders/42"));
        assertEquals(List.of(WRITE), rules.requiredScopes("POST", "/api/orders/42"));
        assertEquals(List.of(WRITE), rules.requiredScopes("PUT", "/api/orders"));
    }

    @Test
    void requiredScopesWhenRuleListsSeveralScopesThenAllInWrittenOrder() {
        assertEquals(List.of(ADMIN, WRITE), rules.requiredScopes("DELETE", "/api/admin/users/1"));
    }

    @Test
    void requiredScopesWhenExactRuleWithEmptyScopesThenItExemptsFromThePrefixRule() {
        assertEquals(List.of(), rules.requiredScopes("GET", "/api/orders/health"));
        assertTrue(rules.match("GET", "/api/orders/health").isPresent());
    }

    @Test
    void requiredScopesWhenNoRuleMatchesThenEmpty() {
        assertEquals(List.of(), rules.requiredScopes("GET", "/api/customers/1"));
        assertEquals(Optional.empty(), rules.match("DELETE", "/api/orders/42"));
    }

    @Test
    void requiredScopesWhenPrefixPatternThenMatchesThePrefixItselfButNotALongerName() {
        assertEquals(List.of(READ), rules.requiredScopes("GET", "/api/orders"));
        assertEquals(List.of(READ), rules.requiredScopes("GET", "/api/orders/"));
        assertEquals(List.of(), rules.requiredScopes("GET", "/api/ordersX"));
    }

    @Test
    void matchWhenExactAndPrefixBothMatchThenExactWinsWhateverTheOrder() {
        ScopeRules r = ScopeRules.parse("/api/*=a; /api/status=b");

        assertEquals(List.of("b"), r.requiredScopes("GET", "/api/status"));
    }

    @Test
    void matchWhenNestedPrefixesThenLongestWins() {
        ScopeRules r = ScopeRules.parse("/api/*=a; /api/orders/archive/*=c; /api/orders/*=b");

        assertEquals(List.of("c"), r.requiredScopes("GET", "/api/orders/archive/2020"));
        assertEquals(List.of("b"), r.requiredScopes("GET", "/api/orders/1"));
        assertEquals(List.of("a"), r.requiredScopes("GET", "/api/other"));
    }

    @Test
    void matchWhenExtensionAndCatchAllThenExtensionBeatsCatchAllButNotAPrefix() {
        ScopeRules r = ScopeRules.parse("/*=all; *.pdf=pdf; /reports/*=reports");

        assertEquals(List.of("pdf"), r.requiredScopes("GET", "/files/a.pdf"));
        assertEquals(List.of("reports"), r.requiredScopes("GET", "/reports/a.pdf"));
        assertEquals(List.of("all"), r.requiredScopes("GET", "/files/a.txt"));
    }

    @Test
    void matchWhenSamePatternForMethodAndForAnyThenMethodRuleWins() {
        ScopeRules r = ScopeRules.parse("/api/*=any; DELETE /api/*=delete");

        assertEquals(List.of("delete"), r.requiredScopes("DELETE", "/api/x"));
        assertEquals(List.of("any"), r.requiredScopes("GET", "/api/x"));
    }

    @Test
    void matchWhenMoreSpecificRuleIsForAnotherMethodThenBroaderRuleStillApplies() {
        ScopeRules r = ScopeRules.parse("POST /api/orders/*=write; /api/*=read");

        assertEquals(List.of("read"), r.requiredScopes("GET", "/api/orders/1"));
    }

    @Test
    void matchWhenHeadAndOnlyGetRuleThenGetRuleCoversHead() {
        assertEquals(List.of(READ), rules.requiredScopes("HEAD", "/api/orders/1"));
    }

    @Test
    void matchWhenHeadHasItsOwnRuleThenItBeatsTheGetRule() {
        ScopeRules r = ScopeRules.parse("GET /a=get; HEAD /a=head");

        assertEquals(List.of("head"), r.requiredScopes("HEAD", "/a"));
    }

    @Test
    void parseWhenStarMethodThenAnyMethod() {
        assertEquals(List.of("s"), ScopeRules.parse("* /a=s").requiredScopes("PATCH", "/a"));
    }

    @Test
    void parseWhenSamePatternAndOverlappingMethodsThenRefusedNamingBoth() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ScopeRules.parse("GET,POST /a/*=x; GET /a/*=y"));

        assertTrue(e.getMessage().contains("GET,POST /a/*=x") && e.getMessage().contains("GET /a/*=y"), e.getMessage());
    }

    @Test
    void parseWhenTwoAnyMethodRulesForSamePatternThenRefused() {
        assertThrows(IllegalArgumentException.class, () -> ScopeRules.parse("/a=x; /a=y"));
    }

    @Test
    void parseWhenPatternMalformedThenRefusedNamingTheRule() {
        for (String bad : List.of("/a*=x", "/a/*/b=x", "a/b=x", "/=x", "*.=x", "GET=x", "=x", "/a")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ScopeRules.parse(bad), bad);
            assertTrue(e.getMessage().contains("'" + bad.trim() + "'"), e.getMessage());
        }
    }

    @Test
    void parseWhenMethodLowerCaseThenRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ScopeRules.parse("get /a=x"));

        assertTrue(e.getMessage().contains("upper case"), e.getMessage());
    }

    @Test
    void parseWhenScopeHasQuoteThenRefused() {
        assertThrows(IllegalArgumentException.class, () -> ScopeRules.parse("/a=x\"y"));
    }

    @Test
    void parseWhenBlankThenNoRules() {
        assertTrue(ScopeRules.parse(" ; \n ").isEmpty());
    }

    @Test
    void toStringWhenParsedAgainThenSameRules() {
        assertEquals(rules.rules(), ScopeRules.parse(rules.toString()).rules());
    }
}
