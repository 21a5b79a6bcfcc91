package io.tokengate.registry;

import static io.tokengate.testing.TestClients.AUDIENCE;
import static io.tokengate.testing.TestClients.ORDERS_READ;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokengate.testing.TestClients;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InMemoryRegistryTest {

    @Test
    void findWhenRegisteredThenFound() {
        InMemoryRegistry registry = TestClients.registry(TestClients.secret("batch").build());

        assertEquals("batch", registry.findClient("batch").orElseThrow().clientId());
        assertEquals(Optional.empty(), registry.findClient("ghost"));
        assertEquals(Set.of(ORDERS_READ), registry.findRole(TestClients.READER_ROLE).orElseThrow().scopes());
        assertEquals(AUDIENCE, registry.findResourceServerForScope(ORDERS_READ).orElseThrow().audience());
        assertEquals(Optional.empty(), registry.findResourceServerForScope("orders.read"));
    }

    @Test
    void constructorWhenTwoServersDefineSameScopeThenRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new InMemoryRegistry(List.of(),
                List.of(), List.of(TestClients.ordersApi(), new ResourceServer(AUDIENCE, Set.of("orders.read")))));

        assertTrue(e.getMessage().contains("scope " + ORDERS_READ + " is defined by two resource servers"), e.getMessage());
    }

    @Test
    void constructorWhenClientGrantedUndefinedRoleThenRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TestClients.registry(TestClients.secret("batch").role("admin").build()));

        assertTrue(e.getMessage().contains("client batch is granted application role admin, which is not defined"),
                e.getMessage());
    }

    @Test
    void constructorWhenTwoClientsShareIdThenRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> TestClients.registry(TestClients.secret("batch").build(), TestClients.mobile("batch").build()));
    }

    @Test
    void qualifiedScopesWhenServerThenAudiencePrefixed() {
        assertEquals(Set.of(ORDERS_READ, TestClients.ORDERS_WRITE), TestClients.ordersApi().qualifiedScopes());
    }
}
