package io.tokengate.it;

import static io.tokengate.it.support.AccessTokens.assertAccessToken;
import static io.tokengate.it.support.AccessTokens.assertTokenResponse;
import static io.tokengate.it.support.OAuthErrors.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokengate.demo.DemoClients;
import io.tokengate.demo.DemoOptions;
import io.tokengate.demo.DemoSetup;
import io.tokengate.demo.GatewayServer;
import io.tokengate.it.support.CertificateBuilder;
import io.tokengate.it.support.Credential;
import io.tokengate.it.support.Curl;
import io.tokengate.it.support.HttpAnswer;
import io.tokengate.it.support.Https;
import io.tokengate.it.support.TlsClients;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registration walkthrough of the README, run for real against the demo gateway over TLS:
 * the documented curl commands (and the scripts the demo writes) register applications with the
 * administrator token, and each new client then gets tokens from the token endpoint at once —
 * with {@code tls_client_auth} and its imported certificate, and with {@code client_credentials}
 * and the secret the server issued. Then read, update and delete over RFC 7592.
 */
class ClientRegistrationCurlTest {
    @TempDir
    static Path data;

    private static GatewayServer gateway;
    private static HttpClient jwksClient;
    private static String registration;
    private static String adminToken;

    @BeforeAll
    static void startGateway() throws Exception {
        gateway = GatewayServer.start(DemoOptions.of(data, 0));
        jwksClient = TlsClients.httpClient(TlsClients.trusting(data.resolve(TlsClients.CA_CERT)));
        registration = gateway.issuer() + DemoClients.REGISTRATION_PATH;
        adminToken = Files.readString(data.resolve(DemoClients.ADMIN_TOKEN_FILE), StandardCharsets.UTF_8).trim();
    }

    @AfterAll
    static void stopGateway() throws Exception {
        gateway.close();
    }

    @Test
    void registerWhenDocumentedCertificateCommandThenTlsClientAuthTokenBoundToImportedCertificate() {
        HttpAnswer created = Curl.shell(data, DemoClients.registerCertificateClientCurl(gateway.issuer(), "my-batch-client"));

        assertEquals(201, created.status(), created::toString);
        assertEquals("no-store", created.header("Cache-Control").orElseThrow());
        Map<String, Object> json = created.json();
        assertEquals("my-batch-client", json.get("client_id"));
        assertEquals("trusted", json.get("client_type"));
        assertEquals("tls_client_auth", json.get("token_endpoint_auth_method"));
        assertFalse(json.containsKey("client_secret"), "a certificate client gets no secret");
        assertTrue(json.get("client_id_issued_at") instanceof Number, created::toString);
        assertEquals(registration + "/my-batch-client", json.get("registration_client_uri"));
        assertEquals(registration + "/my-batch-client", created.header("Location").orElseThrow());

        HttpAnswer token = Curl.shell(data, tlsClientAuthCurl("my-batch-client", "client"));

        Map<String, Object> tokens = assertTokenResponse(token, DemoSetup.READ_SCOPE);
        assertAccessToken(tokens, gateway.issuer(), "my-batch-client", DemoSetup.API_AUDIENCE,
                Optional.of(TlsClients.readCertificate(data.resolve(TlsClients.CLIENT_CERT))), jwksClient);
    }

    @Test
    void registerWhenFreshCertificateImportedThenOnlyThatCertificateAuthenticatesTheClient() throws Exception {
        Credential fresh = CertificateBuilder.subject("CN=fresh-app, O=Tokengate IT").build();
        fresh.writePem(data, "fresh-app");
        HttpAnswer created = Https.post(jwksClient, registration, "application/json", """
                {"client_id": "fresh-app", "grant_types": ["tls_client_auth"], "token_endpoint_auth_method": "tls_client_auth",
                 "certificate": %s, "roles": ["OrdersReader"]}""".formatted(io.tokengate.http.JsonText.quote(
                fresh.certificatePem())), "Authorization", "Bearer " + adminToken);
        assertEquals(201, created.status(), created::toString);

        Map<String, Object> tokens = assertTokenResponse(Curl.shell(data, tlsClientAuthCurl("fresh-app", "fresh-app")),
                DemoSetup.READ_SCOPE);
        assertAccessToken(tokens, gateway.issuer(), "fresh-app", DemoSetup.API_AUDIENCE,
                Optional.of(fresh.certificate()), jwksClient);
        assertError(Curl.shell(data, tlsClientAuthCurl("fresh-app", "client")), 401, "invalid_client");
    }

    @Test
    void registerWhenSecretScriptThenClientCredentialsWithTheReturnedSecret() {
        HttpAnswer created = Curl.shell(data, "./" + DemoSetup.REGISTER_SECRET_CLIENT_SCRIPT + " my-reporting-job");

        assertEquals(201, created.status(), created::toString);
        String secret = (String) created.json().get("client_secret");
        assertEquals(43, secret.length(), "256 bits, base64url without padding");
        assertEquals(0L, ((Number) created.json().get("client_secret_expires_at")).longValue());

        HttpAnswer token = Curl.request(data, List.of("--cacert", TlsClients.CA_CERT, "-u", "my-reporting-job:" + secret,
                "--data", "grant_type=client_credentials&scope=" + DemoSetup.READ_SCOPE, gateway.issuer() + "/oauth2/v1/token"));

        assertAccessToken(assertTokenResponse(token, DemoSetup.READ_SCOPE), gateway.issuer(), "my-reporting-job",
                DemoSetup.API_AUDIENCE, Optional.empty(), jwksClient);
    }

    @Test
    void readUpdateDeleteWhenAdministratorThenEachTakesEffectAtTheTokenEndpoint() {
        String secret = (String) Curl.shell(data, DemoClients.registerSecretClientCurl(gateway.issuer(), "crud-app"))
                .json().get("client_secret");
        String clientUri = registration + "/crud-app";

        HttpAnswer read = curl("-X", "GET", clientUri);
        assertEquals(200, read.status(), read::toString);
        assertEquals(List.of("OrdersReader"), read.json().get("roles"));
        assertFalse(read.json().containsKey("client_secret"), read::toString);
        assertError(clientCredentials("crud-app", secret, DemoSetup.WRITE_SCOPE), 400, "invalid_scope");

        HttpAnswer updated = curl("-X", "PUT", "-H", "Content-Type: application/json", "--data",
                "{\"client_id\": \"crud-app\", \"grant_types\": [\"client_credentials\"],"
                        + " \"roles\": [\"OrdersReader\", \"OrdersWriter\"]}", clientUri);
        assertEquals(200, updated.status(), updated::toString);
        assertFalse(updated.json().containsKey("client_secret"), "the secret is kept, not reissued");
        assertTokenResponse(clientCredentials("crud-app", secret, DemoSetup.WRITE_SCOPE), DemoSetup.WRITE_SCOPE);

        HttpAnswer deleted = curl("-X", "DELETE", clientUri);
        assertEquals(204, deleted.status(), deleted::toString);
        assertError(clientCredentials("crud-app", secret, DemoSetup.READ_SCOPE), 401, "invalid_client");
        assertError(curl("-X", "GET", clientUri), 404, "invalid_request");
    }

    @Test
    void seedWhenDemoStartedThenItsClientsWereRegisteredThroughTheSamePath() {
        HttpAnswer read = curl("-X", "GET", registration + "/" + DemoSetup.CERTIFICATE_CLIENT_ID);

        assertEquals(200, read.status(), read::toString);
        assertEquals("trusted", read.json().get("client_type"));
        X509Certificate imported = io.tokengate.cert.Certificates.parseOne(
                ((String) read.json().get("certificate")).getBytes(StandardCharsets.US_ASCII));
        assertEquals(TlsClients.readCertificate(data.resolve(TlsClients.CLIENT_CERT)), imported);
    }

    @Test
    void metadataWhenFetchedThenRegistrationEndpointPublished() {
        HttpAnswer metadata = Https.get(jwksClient, gateway.issuer() + "/.well-known/oauth-authorization-server");

        assertEquals(registration, metadata.json().get("registration_endpoint"));
    }

    /** The README's tls_client_auth command with another client id and the key pair {@code NAME.crt}/{@code NAME.key}. */
    private static String tlsClientAuthCurl(String clientId, String keyPair) {
        return "curl -i --cacert cacert.crt --key " + keyPair + ".key --cert " + keyPair + ".crt --request POST "
                + gateway.issuer() + "/oauth2/v1/token -d 'grant_type=tls_client_auth&client_id=" + clientId
                + "&scope=" + DemoSetup.READ_SCOPE + "'";
    }

    private static HttpAnswer clientCredentials(String clientId, String secret, String scope) {
        return Curl.request(data, List.of("--cacert", TlsClients.CA_CERT, "-u", clientId + ":" + secret,
                "--data", "grant_type=client_credentials&scope=" + scope, gateway.issuer() + "/oauth2/v1/token"));
    }

    /** curl with the administrator token. */
    private static HttpAnswer curl(String... arguments) {
        List<String> all = new java.util.ArrayList<>(List.of("--cacert", TlsClients.CA_CERT,
                "-H", "Authorization: Bearer " + adminToken));
        all.addAll(List.of(arguments));
        return Curl.request(data, all);
    }
}
