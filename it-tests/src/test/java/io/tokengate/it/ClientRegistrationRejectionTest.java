package io.tokengate.it;

import static io.tokengate.it.support.OAuthErrors.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokengate.demo.DemoClients;
import io.tokengate.demo.DemoOptions;
import io.tokengate.demo.GatewayServer;
import io.tokengate.http.JsonText;
import io.tokengate.it.support.CertificateBuilder;
import io.tokengate.it.support.Curl;
import io.tokengate.it.support.HttpAnswer;
import io.tokengate.it.support.Https;
import io.tokengate.it.support.TlsClients;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every way a registration request can be wrong, each sent over real TLS to the demo gateway and
 * checked for its status, error code, {@code Cache-Control: no-store}, a description that names
 * what to fix and, for refused metadata, that nothing was stored (RFC 7591 §3.2.2, RFC 6750 §3
 * for the administrator credential).
 */
class ClientRegistrationRejectionTest {
    @TempDir
    static Path data;

    private static GatewayServer gateway;
    private static HttpClient client;
    private static String registration;
    private static String admin;

    @BeforeAll
    static void startGateway() throws Exception {
        gateway = GatewayServer.start(DemoOptions.of(data, 0));
        client = TlsClients.httpClient(TlsClients.trusting(data.resolve(TlsClients.CA_CERT)));
        registration = gateway.issuer() + DemoClients.REGISTRATION_PATH;
        admin = "Bearer " + Files.readString(data.resolve(DemoClients.ADMIN_TOKEN_FILE), StandardCharsets.UTF_8).trim();
    }

    @AfterAll
    static void stopGateway() throws Exception {
        gateway.close();
    }

    // --- invalid combinations and values: 400 invalid_client_metadata, nothing stored ---

    @Test
    void registerWhenMobileWithTlsClientAuthGrantThenInvalidClientMetadata() {
        assertRefusedAndNotStored("mobile-tls", "{\"client_id\": \"mobile-tls\", \"application_type\": \"mobile\","
                + " \"grant_types\": [\"tls_client_auth\"]}", "a mobile application cannot use grant 'tls_client_auth'");
    }

    @Test
    void registerWhenTrustedWithoutCertificateThenInvalidClientMetadata() {
        assertRefusedAndNotStored("trusted-bare", "{\"client_id\": \"trusted-bare\", \"client_type\": \"trusted\","
                + " \"grant_types\": [\"client_credentials\"]}", "a trusted client needs an imported 'certificate' (PEM)");
    }

    @Test
    void registerWhenCertificatePemMalformedThenInvalidClientMetadata() {
        assertRefusedAndNotStored("bad-pem", "{\"client_id\": \"bad-pem\", \"grant_types\": [\"tls_client_auth\"],"
                + " \"token_endpoint_auth_method\": \"tls_client_auth\", \"certificate\":"
                + " \"-----BEGIN CERTIFICATE-----\\nAAAA\\n-----END CERTIFICATE-----\\n\"}",
                "certificate is not a PEM X.509 certificate");
    }

    @Test
    void registerWhenCertificateExpiredThenInvalidClientMetadata() {
        Instant now = Instant.now();
        String pem = CertificateBuilder.subject("CN=old, O=Tokengate IT")
                .validity(now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1))).build().certificatePem();

        assertRefusedAndNotStored("old-cert", "{\"client_id\": \"old-cert\", \"grant_types\": [\"tls_client_auth\"],"
                + " \"token_endpoint_auth_method\": \"tls_client_auth\", \"certificate\": " + JsonText.quote(pem) + "}",
                "expired at");
    }

    @Test
    void registerWhenUnknownGrantThenInvalidClientMetadataListingTheServedOnes() {
        assertRefusedAndNotStored("implicit-app", "{\"client_id\": \"implicit-app\", \"grant_types\": [\"implicit\"]}",
                "grant_types entry 'implicit' is not a grant this server serves; it serves [client_credentials");
    }

    @Test
    void registerWhenUnknownRoleThenInvalidClientMetadata() {
        assertRefusedAndNotStored("role-app", "{\"client_id\": \"role-app\", \"grant_types\": [\"client_credentials\"],"
                + " \"roles\": [\"Admins\"]}", "roles entry 'Admins' is not an application role of this server");
    }

    @Test
    void registerWhenMemberRepeatedThenInvalidClientMetadata() {
        assertRefusedAndNotStored("twice", "{\"client_id\": \"twice\", \"client_type\": \"confidential\","
                + " \"client_type\": \"trusted\"}", "Duplicate field 'client_type'");
    }

    @Test
    void registerWhenClientIdTakenThenInvalidClientMetadataAndFirstKept() {
        String body = "{\"client_id\": \"taken\", \"grant_types\": [\"client_credentials\"]}";
        assertEquals(201, post(body, "Authorization", admin).status());

        String description = assertError(post("{\"client_id\": \"taken\", \"application_type\": \"mobile\"}",
                "Authorization", admin), 400, "invalid_client_metadata");

        assertEquals("client_id 'taken' is already registered; choose another, or update it with PUT", description);
        assertEquals("confidential", read("taken").json().get("application_type"));
    }

    @Test
    void updateWhenItWouldMakeAMobileTlsClientThenRefusedAndProfileKept() {
        assertEquals(201, post("{\"client_id\": \"kept\", \"grant_types\": [\"client_credentials\"]}",
                "Authorization", admin).status());

        String description = assertError(Https.send(client, "PUT", registration + "/kept", "application/json",
                "{\"application_type\": \"mobile\", \"grant_types\": [\"tls_client_auth\"]}", "Authorization", admin),
                400, "invalid_client_metadata");

        assertTrue(description.contains("a mobile application cannot use grant 'tls_client_auth'"), description);
        assertEquals("confidential", read("kept").json().get("application_type"));
    }

    // --- the administrator credential: 401 with a Bearer challenge ---

    @Test
    void registerWhenNoCredentialThen401BareBearerChallenge() {
        HttpAnswer answer = Curl.request(data, List.of("--cacert", TlsClients.CA_CERT, "-H", "Content-Type: application/json",
                "--data", "{\"client_id\": \"anonymous\"}", registration));

        assertEquals(401, answer.status(), answer::toString);
        assertEquals("Bearer realm=\"tokengate\"", answer.header("WWW-Authenticate").orElseThrow());
        assertEquals("no-store", answer.header("Cache-Control").orElseThrow());
        assertEquals(404, read("anonymous").status());
    }

    @Test
    void registerWhenWrongTokenThen401InvalidToken() {
        HttpAnswer answer = post("{\"client_id\": \"forged\"}", "Authorization", "Bearer " + "x".repeat(43));

        String description = assertError(answer, 401, "invalid_token");
        assertTrue(answer.header("WWW-Authenticate").orElseThrow()
                .startsWith("Bearer realm=\"tokengate\", error=\"invalid_token\""), answer::toString);
        assertTrue(description.contains("not the administrator credential"), description);
        assertEquals(404, read("forged").status());
    }

    @Test
    void readWhenBasicCredentialInsteadOfBearerThen401BareChallenge() {
        HttpAnswer answer = Https.request(client, "GET", registration + "/demo-batch-client", "Authorization",
                Https.basic("admin", "admin"));

        assertEquals(401, answer.status(), answer::toString);
        assertEquals("Bearer realm=\"tokengate\"", answer.header("WWW-Authenticate").orElseThrow());
    }

    @Test
    void deleteWhenWrongTokenThen401AndClientStays() {
        assertError(Https.request(client, "DELETE", registration + "/demo-secret-client", "Authorization", "Bearer nope"),
                401, "invalid_token");

        assertEquals(200, read("demo-secret-client").status());
    }

    // --- transport ---

    @Test
    void registerWhenFormBodyThenInvalidRequest() {
        String description = assertError(Https.postForm(client, registration, "client_id=form", "Authorization", admin),
                400, "invalid_request");

        assertTrue(description.startsWith("the request body must be application/json"), description);
    }

    @Test
    void registerWhenBodyOverLimitThen413() {
        assertError(post("{\"client_id\": \"big\", \"x\": \"" + "a".repeat(70_000) + "\"}", "Authorization", admin),
                413, "invalid_request");
    }

    @Test
    void collectionWhenGetThen405AllowPost() {
        HttpAnswer answer = Https.request(client, "GET", registration, "Authorization", admin);

        assertError(answer, 405, "invalid_request");
        assertEquals("POST", answer.header("Allow").orElseThrow());
    }

    @Test
    void clientWhenPostThen405AllowGetPutDelete() {
        HttpAnswer answer = Https.post(client, registration + "/demo-batch-client", "application/json", "{}",
                "Authorization", admin);

        assertError(answer, 405, "invalid_request");
        assertEquals("GET, PUT, DELETE", answer.header("Allow").orElseThrow());
    }

    @Test
    void readWhenUnknownClientThen404() {
        assertEquals("no client 'nobody' is registered", assertError(read("nobody"), 404, "invalid_request"));
    }

    private static void assertRefusedAndNotStored(String clientId, String body, String expected) {
        String description = assertError(post(body, "Authorization", admin), 400, "invalid_client_metadata");

        assertTrue(description.contains(expected), () -> "'" + expected + "' not in: " + description);
        assertEquals(404, read(clientId).status(), "a refused registration stores nothing");
    }

    private static HttpAnswer post(String json, String... headers) {
        return Https.post(client, registration, "application/json", json, headers);
    }

    private static HttpAnswer read(String clientId) {
        return Https.request(client, "GET", registration + "/" + clientId, "Authorization", admin);
    }
}
