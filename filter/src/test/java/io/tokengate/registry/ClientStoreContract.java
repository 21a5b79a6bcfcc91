package io.tokengate.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokengate.testing.TestCertificates;
import io.tokengate.testing.TestClients;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ClientStore} must do, whatever keeps the clients: a subclass supplies a fresh,
 * empty store and inherits the tests. Clients are compared whole (every profile member survives
 * the round trip), and concurrent creates of one id must leave exactly one winner.
 */
public abstract class ClientStoreContract {
    private final TestCertificates pki = TestCertificates.create();

    /** A new store holding no client. */
    protected abstract ClientStore newStore();

    @Test
    void createWhenNewThenFoundWithEveryMember() {
        ClientStore store = newStore();
        Client client = TestClients.withImportedCertificate("c1", pki.clientIssuedByIntermediate("CN=c1").certificate())
                .clientType(ClientType.TRUSTED).build();

        assertTrue(store.create(client));

        Client found = store.findClient("c1").orElseThrow();
        assertEquals(client.clientId(), found.clientId());
        assertEquals(client.applicationType(), found.applicationType());
        assertEquals(client.clientType(), found.clientType());
        assertEquals(client.grantTypes(), found.grantTypes());
        assertEquals(client.authMethods(), found.authMethods());
        assertEquals(client.certificate(), found.certificate());
        assertEquals(client.roles(), found.roles());
    }

    @Test
    void createWhenIdTakenThenFalseAndFirstKept() {
        ClientStore store = newStore();
        store.create(TestClients.secret("same", "first-secret").build());

        assertFalse(store.create(TestClients.secret("same", "second-secret").build()));

        assertTrue(store.findClient("same").orElseThrow().secretHash().orElseThrow().matches("first-secret"));
    }

    @Test
    void updateWhenPresentThenReplaced() {
        ClientStore store = newStore();
        store.create(TestClients.secret("c").build());

        assertTrue(store.update(TestClients.secret("c").role(TestClients.READER_ROLE).grantType("password").build()));

        assertTrue(store.findClient("c").orElseThrow().isGrantEnabled("password"));
    }

    @Test
    void updateWhenAbsentThenFalseAndNothingCreated() {
        ClientStore store = newStore();

        assertFalse(store.update(TestClients.secret("ghost").build()));

        assertEquals(Optional.empty(), store.findClient("ghost"));
    }

    @Test
    void deleteWhenPresentThenGoneAndSecondDeleteFalse() {
        ClientStore store = newStore();
        store.create(TestClients.mobile("m").build());

        assertTrue(store.delete("m"));

        assertEquals(Optional.empty(), store.findClient("m"));
        assertFalse(store.delete("m"));
    }

    @Test
    void listWhenSeveralThenOrderedByClientId() {
        ClientStore store = newStore();
        store.create(TestClients.mobile("b").build());
        store.create(TestClients.mobile("c").build());
        store.create(TestClients.mobile("a").build());

        assertEquals(List.of("a", "b", "c"), store.list().stream().map(Client::clientId).toList());
    }

    @Test
    void createWhenRacedByManyThreadsThenExactlyOneWins() throws Exception {
        ClientStore store = newStore();
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Boolean>> results = new java.util.ArrayList<>();
            for (int i = 0; i < threads; i++) {
                String secret = "secret-" + i;
                results.add(pool.submit(() -> {
                    start.await();
                    return store.create(TestClients.secret("raced", secret).build());
                }));
            }
            start.countDown();
            int winners = 0;
            for (Future<Boolean> r : results) {
                winners += r.get(30, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertEquals(1, winners);
            assertEquals(1, store.list().size());
        } finally {
            pool.shutdownNow();
        }
    }
}
