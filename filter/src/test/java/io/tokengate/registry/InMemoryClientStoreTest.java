package io.tokengate.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tokengate.testing.TestClients;
import java.util.List;
import org.junit.jupiter.api.Test;

class InMemoryClientStoreTest extends ClientStoreContract {
    @Override
    protected ClientStore newStore() {
        return new InMemoryClientStore();
    }

    @Test
    void constructorWhenInitialClientsThenHeld() {
        InMemoryClientStore store = new InMemoryClientStore(List.of(TestClients.mobile("a").build()));

        assertEquals("a", store.findClient("a").orElseThrow().clientId());
    }

    @Test
    void constructorWhenTwoInitialClientsShareIdThenIllegalArgument() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new InMemoryClientStore(
                List.of(TestClients.mobile("a").build(), TestClients.mobile("a").build())));

        assertEquals("two clients share the id a", e.getMessage());
    }
}
