package io.tokengate.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokengate.registry.CertificateSubject;
import io.tokengate.registry.Client;
import io.tokengate.registry.ClientStore;
import io.tokengate.testing.TestCertificates;
import io.tokengate.testing.TestClients;
import io.tokengate.testing.TestClock;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What every {@link ClientStore} must do; run against memory, H2 and PostgreSQL. */
public abstract class ClientStoreContract {
    protected final TestClock clock = new TestClock(Instant.parse("2026-01-01T00:00:00Z"));

    protected abstract ClientStore newStore(Clock clock);

    @Test
    void findClientWhenCreatedThenEveryFieldAsCreated() {
        ClientStore store = newStore(clock);
        var pki = TestCertificates.create();
        var leaf = pki.selfSigned("CN=app");
        Client secret = TestClients.passwordClient("secret-app").build();
        Client imported = TestClients.withImportedCertificate("cert-app", leaf.certificate()).build();
        Client pkiClient = TestClients.pkiBy("pki-app", new CertificateSubject(CertificateSubject.Type.SAN_DNS,
                "app.example.test")).build();
        Client selfSigned = TestClients.selfSigned("self-app", leaf.certificate()).build();
        Client mobile = TestClients.mobile("mobile-app").build();

        for (Client c : List.of(secret, imported, pkiClient, selfSigned, mobile)) {
            assertTrue(store.create(c), c.clientId());
            assertSame(c, store.findClient(c.clientId()).orElseThrow());
        }
    }

    @Test
    void createWhenIdTakenThenFalseAndFirstKept() {
        ClientStore store = newStore(clock);
        store.create(TestClients.secret("app").build());

        assertFalse(store.create(TestClients.mobile("app").build()));
        assertTrue(store.findClient("app").orElseThrow().secretHash().isPresent());
    }

    @Test
    void updateWhenExistsThenReplacedAndWhenUnknownThenFalse() {
        ClientStore store = newStore(clock);
        store.findClient("app"); // a cached miss must not hide the update
        store.create(TestClients.secret("app").build());
        Client changed = TestClients.secret("app", "another secret of enough length").grantType("password").build();

        assertTrue(store.update(changed));
        assertSame(changed, store.findClient("app").orElseThrow());
        assertFalse(store.update(TestClients.secret("ghost").build()));
        assertEquals(Optional.empty(), store.findClient("ghost"));
    }

    @Test
    void deleteWhenExistsThenGoneAndWhenUnknownThenFalse() {
        ClientStore store = newStore(clock);
        store.create(TestClients.secret("app").build());
        store.findClient("app");

        assertTrue(store.delete("app"));
        assertEquals(Optional.empty(), store.findClient("app"));
        assertFalse(store.delete("app"));
    }

    @Test
    void listWhenSeveralThenAllOrderedByClientId() {
        ClientStore store = newStore(clock);
        store.create(TestClients.secret("b-app").build());
        store.create(TestClients.secret("B-app").build());
        store.create(TestClients.secret("a-app").build());

        assertEquals(List.of("B-app", "a-app", "b-app"), store.list().stream().map(Client::clientId).toList());
    }

    /** Clients hold hashes and key sets without value equality: compare what they say. */
    protected static void assertSame(Client expected, Client actual) {
        assertEquals(describe(expected), describe(actual));
    }

    private static String describe(Client c) {
        return String.join("|", c.clientId(), c.applicationType().name(), c.clientType().name(),
                c.grantTypes().stream().sorted().toList().toString(), c.authMethods().toString(),
                c.certificate().map(x -> java.util.Base64.getEncoder().encodeToString(encoded(x))).orElse("-"),
                c.certificateSubject().map(Object::toString).orElse("-"),
                c.jwks().map(j -> j.toString(true)).orElse("-"),
                c.secretHash().map(io.tokengate.registry.SecretHash::encoded).orElse("-"),
                c.roles().stream().sorted().toList().toString());
    }

    private static byte[] encoded(java.security.cert.X509Certificate c) {
        try {
            return c.getEncoded();
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
