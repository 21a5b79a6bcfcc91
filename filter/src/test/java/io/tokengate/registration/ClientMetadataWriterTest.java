package io.tokengate.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tokengate.registry.Client;
import io.tokengate.registry.ClientType;
import io.tokengate.testing.TestCertificates;
import io.tokengate.testing.TestClients;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClientMetadataWriterTest {
    private final ObjectMapper json = new ObjectMapper();
    private final ClientMetadataWriter writer = new ClientMetadataWriter(json);
    private final TestCertificates pki = TestCertificates.create();

    @Test
    void writeWhenJustCreatedThenSecretNeverExpiresAndIssuedAtInSeconds() throws Exception {
        Client client = TestClients.secret("svc").build();

        JsonNode m = json.readTree(writer.write(new Registration(client, Optional.of("s3cret"),
                Optional.of(Instant.ofEpochSecond(1_800_000_000L, 500))), "https://as.example.test/register/svc"));

        assertEquals("svc", m.path("client_id").asText());
        assertEquals("s3cret", m.path("client_secret").asText());
        assertEquals(0, m.path("client_secret_expires_at").asLong(-1));
        assertEquals(1_800_000_000L, m.path("client_id_issued_at").asLong());
        assertEquals("client_secret_basic", m.path("token_endpoint_auth_method").asText());
        assertEquals("[\"client_secret_basic\",\"client_secret_post\"]", m.path("token_endpoint_auth_methods").toString());
        assertEquals("https://as.example.test/register/svc", m.path("registration_client_uri").asText());
    }

    @Test
    void writeWhenReadLaterThenNoSecretNorItsHash() throws Exception {
        String out = writer.write(new Registration(TestClients.secret("svc").build(), Optional.empty(), Optional.empty()), "u");

        JsonNode m = json.readTree(out);
        assertFalse(m.has("client_secret"));
        assertFalse(m.has("client_id_issued_at"));
        assertFalse(out.contains("sha256"));
    }

    @Test
    void writeWhenParsedBackThenSameProfile() {
        Client client = TestClients.withImportedCertificate("batch", pki.clientIssuedByIntermediate("CN=batch").certificate())
                .clientType(ClientType.TRUSTED).build();

        ClientMetadata back = new ClientMetadataParser().parse(
                writer.write(new Registration(client, Optional.empty(), Optional.empty()), "u"));

        assertEquals(Optional.of(client.clientId()), back.clientId());
        assertEquals(Optional.of(client.applicationType()), back.applicationType());
        assertEquals(Optional.of(client.clientType()), back.clientType());
        assertEquals(client.grantTypes(), java.util.Set.copyOf(back.grantTypes()));
        assertEquals(client.authMethods(), back.authMethods());
        assertEquals(client.certificate(), back.certificate());
        assertEquals(client.roles(), java.util.Set.copyOf(back.roles()));
    }
}
