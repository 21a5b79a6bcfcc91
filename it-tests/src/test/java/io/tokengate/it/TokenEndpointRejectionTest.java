package io.tokengate.it;

import static io.tokengate.it.support.OAuthErrors.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jwt.JWTClaimsSet;
import io.tokengate.demo.DemoOptions;
import io.tokengate.demo.DemoSetup;
import io.tokengate.demo.GatewayServer;
import io.tokengate.it.support.AccessTokens;
import io.tokengate.it.support.CertificateBuilder;
import io.tokengate.it.support.Credential;
import io.tokengate.it.support.Curl;
import io.tokengate.it.support.HttpAnswer;
import io.tokengate.it.support.Https;
import io.tokengate.it.support.TlsClients;
import io.tokengate.registry.SecretHash;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every way a token request can be wrong, each sent over real TLS to a real gateway and checked
 * for its status, RFC 6749 §5.2 error code and a description that names the problem. The gateway
 * runs with a registry written here (PKI clients registered by subject DN, a mobile application, a
 * client without the TLS Client Authentication grant) and
 * trusts {@code Client-Cert} headers from 127.0.0.2 only.
 */
class TokenEndpointRejectionTest {
    private static final String TRUSTED_PROXY = "127.0.0.2";
    private static final String PKI_CLIENT_ID = "pki-client";
    private static final String PKI_CLIENT_DN = "CN=pki-client, O=Tokengate IT";
    private static final String EXPIRED_CLIENT_ID = "expired-client";
    private static final String EXPIRED_CLIENT_DN = "CN=expired-client, O=Tokengate IT";
    private static final String CREDENTIALS_ONLY_CLIENT_ID = "credentials-only-client";
    private static final String MOBILE_CLIENT_ID = "mobile-app";
    private static final String SECRET = "it-secret-" + Base64.getUrlEncoder().encodeToString(new byte[] {1, 2, 3, 4, 5, 6});

    @TempDir
    static Path data;

    private static GatewayServer gateway;
    private static String tokenEndpoint;
    private static HttpClient noCertificate;
    private static HttpClient demoClient;
    private static Credential demoCa;

    @BeforeAll
    static void startGateway() throws Exception {
        Files.writeString(data.resolve(DemoSetup.REGISTRY), registry(), StandardCharsets.UTF_8);

        gateway = GatewayServer.start(DemoOptions.of(data, 0).withTrustedProxies(List.of(TRUSTED_PROXY)));
        tokenEndpoint = gateway.issuer() + "/oauth2/v1/token";
        noCertificate = TlsClients.httpClient(TlsClients.trusting(caCert()));
        demoClient = TlsClients.httpClient(TlsClients.demoClient(data));
        demoCa = TlsClients.demoCa(data);
    }

    @AfterAll
    static void stopGateway() throws Exception {
        gateway.close();
    }

    // --- client authentication: 401 invalid_client ---

    @Test
    void tokenWhenNoClientCertificateThenInvalidClient() {
        HttpAnswer answer = Https.postForm(noCertificate, tokenEndpoint, tlsClientAuth(DemoSetup.CERTIFICATE_CLIENT_ID));

        String description = assertError(answer, 401, "invalid_client");
        assertContains(description, "no client certificate");
    }

    @Test
    void tokenWhenCertificateIsNotTheImportedOneThenInvalidClient() {
        Credential other = CertificateBuilder.subject("CN=demo-batch-client, O=Tokengate Demo").issuer(demoCa).build();

        HttpAnswer answer = Https.postForm(presenting(other), tokenEndpoint, tlsClientAuth(DemoSetup.CERTIFICATE_CLIENT_ID));

        String description = assertError(answer, 401, "invalid_client");
        assertContains(description, "does not match the certificate registered for client demo-batch-client");
    }

    @Test
    void tokenWhenClientCertificateHasExpiredThenInvalidClient() {
        Instant now = Instant.now();
        Credential expired = CertificateBuilder.subject(EXPIRED_CLIENT_DN).issuer(demoCa)
                .validity(now.minus(Duration.ofDays(400)), now.minus(Duration.ofDays(1))).build();

        HttpAnswer answer = Https.postForm(presenting(expired), tokenEndpoint, tlsClientAuth(EXPIRED_CLIENT_ID));

        String description = assertError(answer, 401, "invalid_client");
        assertContains(description, "expired");
    }

    @Test
    void startWhenRegistryImportsExpiredCertificateThenStartsAndRefusesThatCertificateSayingExpired(@TempDir Path other)
            throws Exception {
        Instant now = Instant.now();
        Credential lapsed = CertificateBuilder.subject(EXPIRED_CLIENT_DN)
                .validity(now.minus(Duration.ofDays(400)), now.minus(Duration.ofDays(1))).build();
        lapsed.writePem(other, EXPIRED_CLIENT_ID);
        Files.writeString(other.resolve(DemoSetup.REGISTRY), registry().replace(
                "\"tls_client_auth_subject_dn\": \"" + EXPIRED_CLIENT_DN + "\"",
                "\"certificate_file\": \"" + EXPIRED_CLIENT_ID + ".crt\""), StandardCharsets.UTF_8);

        try (GatewayServer started = GatewayServer.start(DemoOptions.of(other, 0))) {
            HttpClient client = TlsClients.httpClient(TlsClients.presenting(other.resolve(TlsClients.CA_CERT), lapsed));
            HttpAnswer answer = Https.postForm(client, started.issuer() + "/oauth2/v1/token",
                    tlsClientAuth(EXPIRED_CLIENT_ID));

            String description = assertError(answer, 401, "invalid_client");
            assertContains(description, "expired");
        }
    }

    @Test
    void tokenWhenSelfSignedCertificateCarriesPkiClientNameThenInvalidClient() {
        Credential selfSigned = CertificateBuilder.subject(PKI_CLIENT_DN).build();

        HttpAnswer answer = Https.postForm(presenting(selfSigned), tokenEndpoint, tlsClientAuth(PKI_CLIENT_ID));

        String description = assertError(answer, 401, "invalid_client");
        assertContains(description, "does not chain to a trusted CA");
    }

    @Test
    void tokenWhenCaIssuedCertificateCarriesAnotherNameThenInvalidClient() {
        Credential otherName = CertificateBuilder.subject("CN=someone-else, O=Tokengate IT").issuer(demoCa).build();

        HttpAnswer answer = Https.postForm(presenting(otherName), tokenEndpoint, tlsClientAuth(PKI_CLIENT_ID));

        String description = assertError(answer, 401, "invalid_client");
        assertContains(description, "tls_client_auth_subject_dn");
    }

    @Test
    void tokenWhenCaIssuedCertificateCarriesPkiClientNameThenCertificateBoundToken() {
        Credential leaf = CertificateBuilder.subject(PKI_CLIENT_DN).issuer(demoCa).build();
        HttpClient client = TlsClients.httpClient(
                TlsClients.presenting(caCert(), leaf.privateKey(), leaf.certificate(), demoCa.certificate()));

        HttpAnswer answer = Https.postForm(client, tokenEndpoint, tlsClientAuth(PKI_CLIENT_ID));

        assertBoundTo(answer, PKI_CLIENT_ID, leaf);
    }

    @Test
    void tokenWhenClientIsUnknownThenInvalidClient() {
        HttpAnswer answer = Https.postForm(demoClient, tokenEndpoint, tlsClientAuth("no-such-client"));

        String description = assertError(answer, 401, "invalid_client");
        assertContains(description, "no-such-client");
    }

    // --- the client may not use the grant: 400 unauthorized_client ---

    @Test
    void tokenWhenSecretClientAsksForTlsClientAuthGrantThenUnauthorizedClient() {
        String basic = Base64.getEncoder().encodeToString((DemoSetup.SECRET_CLIENT_ID + ":" + SECRET)
                .getBytes(StandardCharsets.UTF_8));

        HttpAnswer answer = Https.postForm(noCertificate, tokenEndpoint, "grant_type=tls_client_auth&scope="
                + DemoSetup.READ_SCOPE, "Authorization", "Basic " + basic);

        String description = assertError(answer, 400, "unauthorized_client");
        assertContains(description, "not enabled for client " + DemoSetup.SECRET_CLIENT_ID);
    }

    @Test
    void tokenWhenGrantIsNotEnabledForCertificateClientThenUnauthorizedClient() {
        HttpAnswer answer = Https.postForm(demoClient, tokenEndpoint, tlsClientAuth(CREDENTIALS_ONLY_CLIENT_ID));

        String description = assertError(answer, 400, "unauthorized_client");
        assertContains(description, "not enabled for client " + CREDENTIALS_ONLY_CLIENT_ID);
    }

    @Test
    void tokenWhenMobileApplicationAsksForTlsClientAuthThenUnauthorizedClient() {
        HttpAnswer answer = Https.postForm(noCertificate, tokenEndpoint, tlsClientAuth(MOBILE_CLIENT_ID));

        String description = assertError(answer, 400, "unauthorized_client");
        assertContains(description, "mobile");
    }

    @Test
    void tokenWhenScopeIsNotGrantedThenInvalidScope() {
        String notGranted = DemoSetup.API_AUDIENCE + "orders.delete";

        HttpAnswer answer = Https.postForm(demoClient, tokenEndpoint, "grant_type=tls_client_auth&client_id="
                + DemoSetup.CERTIFICATE_CLIENT_ID + "&scope=" + notGranted);

        String description = assertError(answer, 400, "invalid_scope");
        assertContains(description, notGranted);
    }

    // --- malformed requests ---

    @Test
    void tokenWhenGrantTypeIsMissingThenInvalidRequest() {
        HttpAnswer answer = Https.postForm(demoClient, tokenEndpoint, "client_id=" + DemoSetup.CERTIFICATE_CLIENT_ID);

        String description = assertError(answer, 400, "invalid_request");
        assertContains(description, "grant_type");
    }

    @Test
    void tokenWhenGrantTypeIsRepeatedThenInvalidRequest() {
        HttpAnswer answer = Https.postForm(demoClient, tokenEndpoint,
                "grant_type=tls_client_auth&grant_type=client_credentials&client_id=" + DemoSetup.CERTIFICATE_CLIENT_ID);

        String description = assertError(answer, 400, "invalid_request");
        assertContains(description, "repeated");
    }

    @Test
    void tokenWhenGrantTypeIsUnsupportedThenUnsupportedGrantType() {
        HttpAnswer answer = Https.postForm(demoClient, tokenEndpoint,
                "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Adevice_code&device_code=d&client_id="
                        + DemoSetup.CERTIFICATE_CLIENT_ID);

        String description = assertError(answer, 400, "unsupported_grant_type");
        assertContains(description, "urn:ietf:params:oauth:grant-type:device_code");
    }

    @Test
    void tokenWhenContentTypeIsJsonThenInvalidRequest() {
        HttpAnswer answer = Https.post(demoClient, tokenEndpoint, "application/json",
                "{\"grant_type\":\"tls_client_auth\",\"client_id\":\"" + DemoSetup.CERTIFICATE_CLIENT_ID + "\"}");

        String description = assertError(answer, 400, "invalid_request");
        assertContains(description, "application/x-www-form-urlencoded");
    }

    @Test
    void tokenWhenMethodIsGetThenMethodNotAllowed() {
        HttpAnswer answer = Https.get(demoClient, tokenEndpoint + "?grant_type=tls_client_auth&client_id="
                + DemoSetup.CERTIFICATE_CLIENT_ID);

        assertError(answer, 405, "invalid_request");
        assertEquals("POST", answer.header("Allow").orElse(null));
    }

    /**
     * Sent with {@code Expect: 100-continue} (RFC 9110 §10.1.1), so the 413 arrives before the body
     * is sent. Without it the server answers while the client is still sending and then closes
     * the connection, which some clients see as a reset instead of the answer.
     */
    @Test
    void tokenWhenBodyIsLargerThan64KibThenPayloadTooLarge() throws Exception {
        Path body = data.resolve("oversized-body.txt");
        Files.writeString(body, tlsClientAuth(DemoSetup.CERTIFICATE_CLIENT_ID) + "&padding=" + "a".repeat(70_000),
                StandardCharsets.US_ASCII);

        HttpAnswer answer = Curl.request(data, List.of("--cacert", TlsClients.CA_CERT, "--key", TlsClients.CLIENT_KEY,
                "--cert", TlsClients.CLIENT_CERT, "-H", "Expect: 100-continue", "--expect100-timeout", "20",
                "--data-binary", "@" + body.getFileName(), tokenEndpoint));

        String description = assertError(answer, 413, "invalid_request");
        assertContains(description, "65536");
    }

    // --- RFC 9440 Client-Cert headers ---

    @Test
    void tokenWhenClientCertHeaderComesFromUntrustedAddressThenHeaderIsIgnored() {
        HttpAnswer answer = Https.postForm(noCertificate, tokenEndpoint, tlsClientAuth(DemoSetup.CERTIFICATE_CLIENT_ID),
                "Client-Cert", demoClientCredentialHeader());

        String description = assertError(answer, 401, "invalid_client");
        assertContains(description, "no client certificate");
    }

    @Test
    void tokenWhenTrustedProxyForwardsImportedCertificateThenTokenIsBoundToIt() {
        HttpAnswer answer = viaTrustedProxy(demoClientCredentialHeader(), tlsClientAuth(DemoSetup.CERTIFICATE_CLIENT_ID));

        assertEquals(200, answer.status(), answer::toString);
        JWTClaimsSet claims = assertTokenFor(answer, DemoSetup.CERTIFICATE_CLIENT_ID);
        assertEquals(AccessTokens.x5tS256(TlsClients.readCertificate(data.resolve(TlsClients.CLIENT_CERT))),
                thumbprintOf(claims));
    }

    @Test
    void tokenWhenTrustedProxyForwardsPkiLeafWithoutChainThenItValidatesToTheCa() {
        Credential leaf = CertificateBuilder.subject(PKI_CLIENT_DN).issuer(demoCa).build();

        HttpAnswer answer = viaTrustedProxy(leaf.clientCertHeader(), tlsClientAuth(PKI_CLIENT_ID));

        assertBoundTo(answer, PKI_CLIENT_ID, leaf);
    }

    @Test
    void tokenWhenTrustedProxySendsMalformedClientCertThenInvalidRequest() {
        HttpAnswer answer = viaTrustedProxy("not-an-rfc9440-byte-sequence", tlsClientAuth(DemoSetup.CERTIFICATE_CLIENT_ID));

        String description = assertError(answer, 400, "invalid_request");
        assertContains(description, "Client-Cert");
    }

    // --- helpers ---

    private static String registry() {
        return """
                {
                  "resource_servers": [ { "audience": "%1$s", "scopes": ["orders.read", "orders.write"] } ],
                  "application_roles": [
                    { "name": "OrdersReader", "scopes": ["%2$s"] },
                    { "name": "OrdersWriter", "scopes": ["%3$s"] }
                  ],
                  "clients": [
                    { "client_id": "%4$s", "application_type": "confidential", "client_type": "trusted",
                      "grant_types": ["tls_client_auth", "client_credentials"],
                      "token_endpoint_auth_methods": ["tls_client_auth"],
                      "certificate_file": "client.crt", "roles": ["OrdersReader", "OrdersWriter"] },
                    { "client_id": "%5$s", "grant_types": ["client_credentials"],
                      "token_endpoint_auth_methods": ["client_secret_basic"],
                      "client_secret_hash": "%6$s", "roles": ["OrdersReader"] },
                    { "client_id": "%7$s", "grant_types": ["tls_client_auth"],
                      "token_endpoint_auth_methods": ["tls_client_auth"],
                      "tls_client_auth_subject_dn": "%12$s", "roles": ["OrdersReader"] },
                    { "client_id": "%8$s", "grant_types": ["tls_client_auth", "client_credentials"],
                      "token_endpoint_auth_methods": ["tls_client_auth"],
                      "tls_client_auth_subject_dn": "%9$s", "roles": ["OrdersReader"] },
                    { "client_id": "%10$s", "grant_types": ["client_credentials"],
                      "token_endpoint_auth_methods": ["tls_client_auth"],
                      "certificate_file": "client.crt", "roles": ["OrdersReader"] },
                    { "client_id": "%11$s", "application_type": "mobile", "client_type": "public",
                      "grant_types": ["tls_client_auth"],
                      "token_endpoint_auth_methods": ["none"], "roles": ["OrdersReader"] }
                  ]
                }
                """.formatted(DemoSetup.API_AUDIENCE, DemoSetup.READ_SCOPE, DemoSetup.WRITE_SCOPE,
                DemoSetup.CERTIFICATE_CLIENT_ID, DemoSetup.SECRET_CLIENT_ID, SecretHash.sha256Of(SECRET).encoded(),
                EXPIRED_CLIENT_ID, PKI_CLIENT_ID, PKI_CLIENT_DN, CREDENTIALS_ONLY_CLIENT_ID, MOBILE_CLIENT_ID,
                EXPIRED_CLIENT_DN);
    }

    private static String tlsClientAuth(String clientId) {
        return "grant_type=tls_client_auth&client_id=" + clientId + "&scope=" + DemoSetup.READ_SCOPE;
    }

    private static Path caCert() {
        return data.resolve(TlsClients.CA_CERT);
    }

    private static HttpClient presenting(Credential credential) {
        return TlsClients.httpClient(TlsClients.presenting(caCert(), credential));
    }

    private static String demoClientCredentialHeader() {
        return new Credential(TlsClients.readCertificate(data.resolve(TlsClients.CLIENT_CERT)),
                TlsClients.readPrivateKey(data.resolve(TlsClients.CLIENT_KEY))).clientCertHeader();
    }

    /** curl from the trusted proxy's address, with no client certificate of its own, forwarding {@code Client-Cert}. */
    private static HttpAnswer viaTrustedProxy(String clientCertHeader, String body) {
        return Curl.request(data, List.of("-4", "--interface", TRUSTED_PROXY, "--cacert", TlsClients.CA_CERT,
                "-H", "Client-Cert: " + clientCertHeader, "--data", body, tokenEndpoint));
    }

    private static void assertBoundTo(HttpAnswer answer, String clientId, Credential certificate) {
        assertEquals(200, answer.status(), answer::toString);
        assertEquals(AccessTokens.x5tS256(certificate.certificate()), thumbprintOf(assertTokenFor(answer, clientId)));
    }

    private static JWTClaimsSet assertTokenFor(HttpAnswer answer, String clientId) {
        Map<String, Object> json = AccessTokens.assertTokenResponse(answer, DemoSetup.READ_SCOPE);
        JWTClaimsSet claims = AccessTokens.verify((String) json.get("access_token"), gateway.issuer(), noCertificate);
        assertEquals(clientId, claims.getSubject());
        return claims;
    }

    private static Object thumbprintOf(JWTClaimsSet claims) {
        try {
            Map<String, Object> cnf = claims.getJSONObjectClaim("cnf");
            return cnf == null ? null : cnf.get("x5t#S256");
        } catch (ParseException e) {
            throw new AssertionError("cnf is not an object", e);
        }
    }

    private static void assertContains(String description, String expected) {
        assertTrue(description.contains(expected), () -> "error_description '" + description + "' lacks '" + expected + "'");
    }
}
