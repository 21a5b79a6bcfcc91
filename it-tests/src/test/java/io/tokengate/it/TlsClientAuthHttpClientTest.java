package io.tokengate.it;

import static io.tokengate.it.support.AccessTokens.assertAccessToken;
import static io.tokengate.it.support.AccessTokens.assertTokenResponse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokengate.demo.DemoOptions;
import io.tokengate.demo.DemoSetup;
import io.tokengate.demo.GatewayServer;
import io.tokengate.it.support.HttpAnswer;
import io.tokengate.it.support.Https;
import io.tokengate.it.support.TlsClients;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The token endpoint and discovery documents through {@link java.net.http.HttpClient} over real
 * TLS: mutual TLS with the demo client's {@code client.key}/{@code client.crt} for the TLS Client
 * Authentication grant and its RFC 8705 {@code client_credentials} form, HTTP Basic for the
 * secret client, and the RFC 8414 and IDCS metadata.
 */
class TlsClientAuthHttpClientTest {
    @TempDir
    static Path data;

    private static GatewayServer gateway;
    private static String tokenEndpoint;
    private static HttpClient mutualTls;
    private static HttpClient serverAuthOnly;
    private static X509Certificate clientCertificate;

    @BeforeAll
    static void startGateway() throws Exception {
        gateway = GatewayServer.start(DemoOptions.of(data, 0));
        tokenEndpoint = gateway.issuer() + "/oauth2/v1/token";
        mutualTls = TlsClients.httpClient(TlsClients.demoClient(data));
        serverAuthOnly = TlsClients.httpClient(TlsClients.trusting(data.resolve(TlsClients.CA_CERT)));
        clientCertificate = TlsClients.readCertificate(data.resolve(TlsClients.CLIENT_CERT));
    }

    @AfterAll
    static void stopGateway() throws Exception {
        gateway.close();
    }

    @Test
    void tokenWhenTlsClientAuthGrantOverMutualTlsThenCertificateBoundToken() {
        HttpAnswer answer = Https.post(mutualTls, tokenEndpoint, "application/x-www-form-urlencoded;charset=UTF-8",
                "grant_type=tls_client_auth&client_id=" + DemoSetup.CERTIFICATE_CLIENT_ID
                        + "&scope=" + DemoSetup.READ_SCOPE);

        Map<String, Object> json = assertTokenResponse(answer, DemoSetup.READ_SCOPE);
        assertAccessToken(json, gateway.issuer(), DemoSetup.CERTIFICATE_CLIENT_ID, DemoSetup.API_AUDIENCE,
                Optional.of(clientCertificate), serverAuthOnly);
    }

    @Test
    void tokenWhenClientCredentialsWithTlsClientAuthThenCertificateBoundToken() {
        HttpAnswer answer = Https.postForm(mutualTls, tokenEndpoint,
                "grant_type=client_credentials&client_id=" + DemoSetup.CERTIFICATE_CLIENT_ID);

        Map<String, Object> json = assertTokenResponse(answer, DemoSetup.READ_SCOPE + " " + DemoSetup.WRITE_SCOPE);
        assertAccessToken(json, gateway.issuer(), DemoSetup.CERTIFICATE_CLIENT_ID, DemoSetup.API_AUDIENCE,
                Optional.of(clientCertificate), serverAuthOnly);
    }

    @Test
    void tokenWhenSecretClientUsesBasicThenTokenHasNoConfirmation() throws Exception {
        String secret = Files.readString(data.resolve(DemoSetup.SECRET_FILE), StandardCharsets.UTF_8).trim();
        String basic = Base64.getEncoder().encodeToString((form(DemoSetup.SECRET_CLIENT_ID) + ":" + form(secret))
                .getBytes(StandardCharsets.UTF_8));

        HttpAnswer answer = Https.postForm(serverAuthOnly, tokenEndpoint,
                "grant_type=client_credentials&scope=" + form(DemoSetup.READ_SCOPE), "Authorization", "Basic " + basic);

        Map<String, Object> json = assertTokenResponse(answer, DemoSetup.READ_SCOPE);
        assertAccessToken(json, gateway.issuer(), DemoSetup.SECRET_CLIENT_ID, DemoSetup.API_AUDIENCE,
                Optional.empty(), serverAuthOnly);
    }

    @Test
    void metadataWhenFetchedThenAdvertisesCertificateBoundTokens() {
        HttpAnswer answer = Https.get(serverAuthOnly, gateway.issuer() + "/.well-known/oauth-authorization-server");

        assertEquals(200, answer.status(), answer::toString);
        assertEquals("application/json", answer.mediaType());
        Map<String, Object> metadata = answer.json();
        assertEquals(gateway.issuer(), metadata.get("issuer"));
        assertEquals(tokenEndpoint, metadata.get("token_endpoint"));
        assertEquals(gateway.issuer() + "/oauth2/v1/keys", metadata.get("jwks_uri"));
        assertTrue(list(metadata, "grant_types_supported").containsAll(List.of("tls_client_auth", "client_credentials")),
                () -> "grant_types_supported " + metadata);
        assertTrue(list(metadata, "token_endpoint_auth_methods_supported")
                        .containsAll(List.of("tls_client_auth", "self_signed_tls_client_auth")),
                () -> "token_endpoint_auth_methods_supported " + metadata);
        assertEquals(Boolean.TRUE, metadata.get("tls_client_certificate_bound_access_tokens"));
    }

    @Test
    void idcsConfigurationWhenFetchedThenNamesSecureTokenEndpoint() {
        HttpAnswer answer = Https.get(serverAuthOnly, gateway.issuer() + "/.well-known/idcs-configuration");

        assertEquals(200, answer.status(), answer::toString);
        Object inner = answer.json().get("openid-configuration");
        @SuppressWarnings("unchecked")
        Map<String, Object> configuration = assertInstanceOf(Map.class, inner, "openid-configuration");
        assertEquals(tokenEndpoint, configuration.get("secure_token_endpoint"));
        assertEquals(gateway.issuer(), configuration.get("issuer"));
    }

    private static List<?> list(Map<String, Object> json, String member) {
        return assertInstanceOf(List.class, json.get(member), member);
    }

    private static String form(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
