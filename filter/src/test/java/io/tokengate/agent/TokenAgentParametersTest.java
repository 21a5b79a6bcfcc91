package io.tokengate.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokengate.testing.IssuedCertificate;
import io.tokengate.testing.TestCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenAgentParametersTest {
    @TempDir
    Path dir;

    @Test
    void fromParametersWhenKeyFilesAndOptionsThenConfig() throws Exception {
        TestCertificates pki = TestCertificates.create();
        IssuedCertificate client = pki.clientIssuedByRoot("CN=agent");
        IssuedCertificate.PemFiles files = client.writePem(dir, "agent");
        Path anchors = TestCertificates.writeCertificatesPem(dir.resolve("ca.pem"), List.of(pki.root().certificate()));
        Map<String, String> p = new HashMap<>(Map.of(TokenAgentConfig.CLIENT_ID, "agent",
                TokenAgentConfig.ISSUER, "https://as.example",
                TokenAgentConfig.CLIENT_AUTH, "tls_client_auth",
                TokenAgentConfig.CLIENT_KEY_FILE, files.privateKey().toString(),
                TokenAgentConfig.CLIENT_CERTIFICATE_FILE, files.certificate().toString(),
                TokenAgentConfig.TRUST_ANCHORS_FILE, anchors.toString(),
                TokenAgentConfig.USER_GRANT, "saml2-bearer",
                TokenAgentConfig.CLIENT_GRANT, "tls_client_auth",
                TokenAgentConfig.REQUEST_TIMEOUT, "PT3S",
                TokenAgentConfig.MAX_ATTEMPTS, "5"));
        p.put(TokenAgentConfig.REFRESH_AHEAD, "90");

        TokenAgentConfig config = TokenAgentConfig.fromParameters(p::get);

        assertEquals(ClientAuth.TLS_CLIENT_AUTH, config.clientAuth());
        assertEquals(UserGrant.SAML2_BEARER, config.userGrant());
        assertEquals(ClientGrant.TLS_CLIENT_AUTH, config.clientGrant());
        assertEquals(client.certificate(), config.keyMaterial().orElseThrow().certificate());
        assertEquals(List.of(pki.root().certificate()), config.trustAnchors());
        assertEquals(Duration.ofSeconds(3), config.requestTimeout());
        assertEquals(Duration.ofSeconds(90), config.refreshAhead());
        assertEquals(5, config.maxAttempts());
    }

    @Test
    void fromParametersWhenSecretFileThenSecretReadAndTrimmed() throws Exception {
        Path secret = Files.writeString(dir.resolve("secret"), "s3cret\n");
        TokenAgentConfig config = TokenAgentConfig.fromParameters(Map.of(TokenAgentConfig.CLIENT_ID, "agent",
                TokenAgentConfig.TOKEN_ENDPOINT, "https://as.example/token", TokenAgentConfig.CLIENT_SECRET_FILE, secret.toString(),
                TokenAgentConfig.CLIENT_GRANT, "client_credentials")::get);

        assertEquals("s3cret", config.clientSecret().orElseThrow());
    }

    @Test
    void fromParametersWhenClientIdMissingThenNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TokenAgentConfig.fromParameters(Map.<String, String>of()::get));
        assertTrue(e.getMessage().contains(TokenAgentConfig.CLIENT_ID));
    }

    @Test
    void fromParametersWhenBadValuesThenParameterNamed() {
        Map<String, String> base = Map.of(TokenAgentConfig.CLIENT_ID, "a", TokenAgentConfig.TOKEN_ENDPOINT, "https://as/t");
        for (Map.Entry<String, String> bad : List.of(Map.entry(TokenAgentConfig.CLIENT_AUTH, "magic"),
                Map.entry(TokenAgentConfig.CONNECT_TIMEOUT, "soon"), Map.entry(TokenAgentConfig.MAX_ATTEMPTS, "many"),
                Map.entry(TokenAgentConfig.CLIENT_KEY_FILE, dir.resolve("missing.key").toString()))) {
            Map<String, String> p = new HashMap<>(base);
            p.put(bad.getKey(), bad.getValue());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TokenAgentConfig.fromParameters(p::get));
            assertTrue(e.getMessage().contains(bad.getKey()), e.getMessage());
        }
    }
}
