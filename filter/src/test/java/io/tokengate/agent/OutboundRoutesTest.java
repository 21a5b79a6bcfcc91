package io.tokengate.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OutboundRoutesTest {
    private final OutboundRoutes routes = OutboundRoutes.builder()
            .route("https://orders.example/api/", "https://orders/", Set.of("read"))
            .route("https://orders.example/api/admin/", "https://orders-admin/", Set.of("admin"))
            .build();

    @Test
    void targetForWhenUnderPrefixThenItsAudienceAndScopes() {
        assertEquals(OutboundRoutes.Target.of("https://orders/", Set.of("read")),
                routes.targetFor(URI.create("https://orders.example/api/orders?id=1")).orElseThrow());
    }

    @Test
    void targetForWhenLongerPrefixMatchesThenItWins() {
        assertEquals("https://orders-admin/", routes.targetFor(URI.create("https://orders.example/api/admin/users"))
                .orElseThrow().audience());
    }

    @Test
    void targetForWhenDefaultPortWrittenOutThenSameOrigin() {
        assertTrue(routes.targetFor(URI.create("https://ORDERS.example:443/api/x")).isPresent());
    }

    @Test
    void targetForWhenOtherHostSchemePortOrPathThenNoToken() {
        assertFalse(routes.targetFor(URI.create("https://evil.example/api/orders")).isPresent());
        assertFalse(routes.targetFor(URI.create("http://orders.example/api/orders")).isPresent());
        assertFalse(routes.targetFor(URI.create("https://orders.example:8443/api/orders")).isPresent());
        assertFalse(routes.targetFor(URI.create("https://orders.example/other")).isPresent());
        assertFalse(routes.targetFor(URI.create("/api/orders")).isPresent());
    }

    @Test
    void routeWhenNotHttpsThenRefused() {
        assertThrows(IllegalArgumentException.class, () -> OutboundRoutes.of("http://orders.example/", "a", Set.of()));
        assertThrows(IllegalArgumentException.class, () -> OutboundRoutes.builder().build());
    }

    @Test
    void isInvalidTokenWhen401WithInvalidTokenChallengeThenTrue() {
        assertTrue(OutboundAuthorization.isInvalidToken(401,
                List.of("Bearer realm=\"api\", error=\"invalid_token\", error_description=\"expired\"")));
        assertTrue(OutboundAuthorization.isInvalidToken(401, List.of("Basic realm=\"x\"", "bearer error = \"invalid_token\"")));
    }

    @Test
    void isInvalidTokenWhenOtherStatusOrErrorThenFalse() {
        assertFalse(OutboundAuthorization.isInvalidToken(403, List.of("Bearer error=\"invalid_token\"")));
        assertFalse(OutboundAuthorization.isInvalidToken(401, List.of("Bearer realm=\"api\"")));
        assertFalse(OutboundAuthorization.isInvalidToken(401, List.of("Bearer error=\"insufficient_scope\"")));
        assertFalse(OutboundAuthorization.isInvalidToken(401, List.of()));
    }

    @Test
    void tokenKeyWhenScopesInAnotherOrderThenEqual() {
        assertEquals(TokenKey.of("alice", "aud", List.of("b", "a", "b")), TokenKey.of("alice", "aud", Set.of("a", "b")));
        assertEquals("a b", TokenKey.of(null, "aud", List.of("b", "a")).scopeParameter());
    }
}
