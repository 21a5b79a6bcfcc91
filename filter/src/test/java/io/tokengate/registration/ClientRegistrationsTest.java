package io.tokengate.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokengate.error.ErrorCode;
import io.tokengate.error.OAuth2Exception;
import io.tokengate.registry.ApplicationType;
import io.tokengate.registry.Client;
import io.tokengate.registry.ClientAuthMethod;
import io.tokengate.registry.ClientType;
import io.tokengate.registry.InMemoryClientStore;
import io.tokengate.testing.MutableClock;
import io.tokengate.testing.TestCertificates;
import io.tokengate.testing.TestClients;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClientRegistrationsTest {
    private final TestCertificates pki = TestCertificates.create();
    private final MutableClock clock = new MutableClock(pki.now());
    private final InMemoryClientStore store = new InMemoryClientStore();
    private final ClientRegistrations registrations = new ClientRegistrations(store,
            new RegistrationRules(RegistrationRulesTest.GRANTS, TestClients.registry(), clock), new SecureRandom(), clock);
    private final ClientMetadataParser parser = new ClientMetadataParser();

    @Test
    void createWhenSecretMethodThenSecretOf256BitsIssuedAndOnlyItsSha256Stored() {
        Registration r = registrations.create(parser.parse("{\"client_id\": \"svc\", \"grant_types\": [\"client_credentials\"]}"));

        String secret = r.clientSecret().orElseThrow();
        assertEquals(32, Base64.getUrlDecoder().decode(secret).length);
        Client stored = store.findClient("svc").orElseThrow();
        assertTrue(stored.secretHash().orElseThrow().encoded().startsWith("{sha256}"));
        assertFalse(stored.secretHash().orElseThrow().encoded().contains(secret));
        assertTrue(stored.secretHash().orElseThrow().matches(secret));
        assertEquals(List.of(ClientAuthMethod.CLIENT_SECRET_BASIC), stored.authMethods());
        assertEquals(Optional.of(clock.instant()), r.issuedAt());
    }

    @Test
    void createWhenNoClientIdThenRandomIdOf128BitsGenerated() {
        Registration r = registrations.create(parser.parse("{\"grant_types\": [\"client_credentials\"]}"));

        assertEquals(16, Base64.getUrlDecoder().decode(r.client().clientId()).length);
        assertTrue(store.findClient(r.client().clientId()).isPresent());
    }

    @Test
    void createWhenMobileThenPublicClientWithMethodNoneAndNoSecret() {
        Registration r = registrations.create(parser.parse("{\"client_id\": \"app\", \"application_type\": \"mobile\"}"));

        assertEquals(ApplicationType.MOBILE, r.client().applicationType());
        assertEquals(ClientType.PUBLIC, r.client().clientType());
        assertEquals(List.of(ClientAuthMethod.NONE), r.client().authMethods());
        assertEquals(Optional.empty(), r.clientSecret());
    }

    @Test
    void createWhenCertificateMethodThenNoSecretIssued() {
        Registration r = registrations.create(parser.parse(certificateClient("batch")));

        assertEquals(Optional.empty(), r.clientSecret());
        assertEquals(Optional.empty(), r.client().secretHash());
    }

    @Test
    void createWhenClientIdTakenThenInvalidClientMetadataAndFirstKept() {
        registrations.create(parser.parse(certificateClient("batch")));

        OAuth2Exception e = assertThrows(OAuth2Exception.class, () -> registrations.create(
                parser.parse("{\"client_id\": \"batch\", \"grant_types\": [\"client_credentials\"]}")));

        assertEquals(ErrorCode.INVALID_CLIENT_METADATA, e.code());
        assertEquals("client_id 'batch' is already registered; choose another, or update it with PUT", e.description());
        assertEquals(List.of(ClientAuthMethod.TLS_CLIENT_AUTH), store.findClient("batch").orElseThrow().authMethods());
    }

    @Test
    void createWhenRefusedByRulesThenNothingStored() {
        assertThrows(OAuth2Exception.class, () -> registrations.create(parser.parse(
                "{\"client_id\": \"app\", \"application_type\": \"mobile\", \"grant_types\": [\"tls_client_auth\"]}")));

        assertEquals(List.of(), store.list());
    }

    @Test
    void createWhenClientSecretSentThenInvalidClientMetadata() {
        OAuth2Exception e = assertThrows(OAuth2Exception.class, () -> registrations.create(
                parser.parse("{\"client_id\": \"svc\", \"client_secret\": \"chosen\"}")));

        assertTrue(e.description().startsWith("client_secret is issued by the server"));
    }

    @Test
    void updateWhenSecretMethodStaysThenSecretKeptAndNoneReturned() {
        String secret = registrations.create(parser.parse("{\"client_id\": \"svc\"}")).clientSecret().orElseThrow();

        Registration r = registrations.update("svc", parser.parse("{\"grant_types\": [\"client_credentials\"],"
                + " \"roles\": [\"" + TestClients.READER_ROLE + "\"]}"));

        assertEquals(Optional.empty(), r.clientSecret());
        Client stored = store.findClient("svc").orElseThrow();
        assertTrue(stored.secretHash().orElseThrow().matches(secret));
        assertEquals(java.util.Set.of(TestClients.READER_ROLE), stored.roles());
    }

    @Test
    void updateWhenSwitchingToSecretMethodThenSecretIssued() {
        registrations.create(parser.parse(certificateClient("batch")));

        Registration r = registrations.update("batch", parser.parse("{\"grant_types\": [\"client_credentials\"]}"));

        assertTrue(store.findClient("batch").orElseThrow().secretHash().orElseThrow().matches(r.clientSecret().orElseThrow()));
    }

    @Test
    void updateWhenSwitchingAwayFromSecretThenSecretForgotten() {
        registrations.create(parser.parse("{\"client_id\": \"batch\"}"));

        registrations.update("batch", parser.parse(certificateClient("batch")));

        assertEquals(Optional.empty(), store.findClient("batch").orElseThrow().secretHash());
    }

    @Test
    void updateWhenClientSecretIsNotTheCurrentOneThenInvalidClientMetadata() {
        registrations.create(parser.parse("{\"client_id\": \"svc\"}"));

        OAuth2Exception e = assertThrows(OAuth2Exception.class,
                () -> registrations.update("svc", parser.parse("{\"client_secret\": \"guess\"}")));

        assertTrue(e.description().startsWith("client_secret is not the current secret of client svc"));
    }

    @Test
    void updateWhenBodyNamesAnotherClientIdThenInvalidClientMetadata() {
        registrations.create(parser.parse("{\"client_id\": \"svc\"}"));

        OAuth2Exception e = assertThrows(OAuth2Exception.class,
                () -> registrations.update("svc", parser.parse("{\"client_id\": \"other\"}")));

        assertTrue(e.description().contains("a client id cannot change"));
    }

    @Test
    void updateWhenRefusedThenPreviousProfileKept() {
        registrations.create(parser.parse("{\"client_id\": \"svc\", \"grant_types\": [\"client_credentials\"]}"));

        assertThrows(OAuth2Exception.class, () -> registrations.update("svc", parser.parse("{\"client_type\": \"trusted\"}")));

        assertEquals(ClientType.CONFIDENTIAL, store.findClient("svc").orElseThrow().clientType());
    }

    @Test
    void updateWhenUnknownClientThen404() {
        OAuth2Exception e = assertThrows(OAuth2Exception.class, () -> registrations.update("ghost", parser.parse("{}")));

        assertEquals(404, e.status());
        assertEquals("no client 'ghost' is registered", e.description());
    }

    @Test
    void deleteWhenRegisteredThenGoneAndSecondDelete404() {
        registrations.create(parser.parse("{\"client_id\": \"svc\"}"));

        registrations.delete("svc");

        assertEquals(Optional.empty(), registrations.read("svc"));
        assertEquals(404, assertThrows(OAuth2Exception.class, () -> registrations.delete("svc")).status());
    }

    private String certificateClient(String id) {
        return "{\"client_id\": \"" + id + "\", \"grant_types\": [\"tls_client_auth\"],"
                + " \"token_endpoint_auth_method\": \"tls_client_auth\", \"certificate\": "
                + io.tokengate.http.JsonText.quote(TestCertificates.certificatePem(
                        pki.clientIssuedByIntermediate("CN=" + id).certificate())) + "}";
    }
}
