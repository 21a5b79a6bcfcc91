package io.tokengate.demo.sidecar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code --route} parsing, which paths a route takes, and where they go. */
class EgressRouteTest {
    @Test
    void parseWhenAudienceAndScopesGivenThenAllKept() {
        EgressRoute route = EgressRoute.parse("/app-b=https://b.example:8444/base,audience=https://b.example/,"
                + "scope=https://b.example/read,scope=https://b.example/write");

        assertEquals(new EgressRoute("/app-b", URI.create("https://b.example:8444/base"), "https://b.example/",
                List.of("https://b.example/read", "https://b.example/write")), route);
    }

    @Test
    void parseWhenNoAudienceThenUpstreamUrlIsTheAudience() {
        assertEquals("https://b.example", EgressRoute.parse("/b=https://b.example,scope=read").audience());
    }

    @Test
    void parseWhenNoScopeThenRefusedNamingTheRoute() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EgressRoute.parse("/b=https://b.example"));

        assertTrue(e.getMessage().contains("route /b needs the scopes"), e.getMessage());
    }

    @Test
    void parseWhenUnknownPartThenRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EgressRoute.parse("/b=https://b.example,scope=read,timeout=5"));

        assertTrue(e.getMessage().contains("unexpected part 'timeout=5'"), e.getMessage());
    }

    @Test
    void constructorWhenPlainHttpToAnotherHostThenRefused() {
        assertThrows(IllegalArgumentException.class, () -> EgressRoute.parse("/b=http://b.example,scope=read"));
        assertEquals("http://127.0.0.1:8080", EgressRoute.parse("/b=http://127.0.0.1:8080,scope=read").upstream().toString());
    }

    @Test
    void constructorWhenPrefixMalformedThenRefused() {
        for (String prefix : List.of("b", "/", "/b/", "/a/../b")) {
            assertThrows(IllegalArgumentException.class,
                    () -> new EgressRoute(prefix, URI.create("https://b.example"), "aud", List.of("read")), prefix);
        }
    }

    @Test
    void matchesWhenPrefixIsAWholeSegmentThenOnlyThatPathAndBelow() {
        EgressRoute route = EgressRoute.parse("/app-b=https://b.example,scope=read");

        assertTrue(route.matches("/app-b"));
        assertTrue(route.matches("/app-b/hello"));
        assertFalse(route.matches("/app-bx/hello"));
        assertFalse(route.matches("/other/app-b"));
    }

    @Test
    void targetWhenPathAndQueryThenAppendedToTheUpstreamBase() {
        EgressRoute route = EgressRoute.parse("/app-b=https://b.example:8444/base/,scope=read");

        assertEquals("https://b.example:8444/base/hello%20world?x=1&y=%2F", route.target("/app-b/hello%20world", "x=1&y=%2F"));
        assertEquals("https://b.example:8444/base/", route.target("/app-b", null));
    }
}
