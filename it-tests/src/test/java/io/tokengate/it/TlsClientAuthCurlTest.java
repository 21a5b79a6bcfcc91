package io.tokengate.it;

import static io.tokengate.it.support.AccessTokens.assertAccessToken;
import static io.tokengate.it.support.AccessTokens.assertTokenResponse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokengate.demo.DemoOptions;
import io.tokengate.demo.DemoSetup;
import io.tokengate.demo.GatewayServer;
import io.tokengate.it.support.Curl;
import io.tokengate.it.support.HttpAnswer;
import io.tokengate.it.support.TlsClients;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The product's curl walkthrough, run for real: the scripts the gateway writes into its data
 * directory and the documented command line, with {@code /usr/bin/curl} over mutual TLS. The
 * token is then verified as a resource server would.
 */
class TlsClientAuthCurlTest {
    @TempDir
    static Path data;

    private static GatewayServer gateway;
    private static HttpClient jwksClient;
    private static X509Certificate clientCertificate;

    @BeforeAll
    static void startGateway() throws Exception {
        gateway = GatewayServer.start(DemoOptions.of(data, 0));
        jwksClient = TlsClients.httpClient(TlsClients.trusting(data.resolve(TlsClients.CA_CERT)));
        clientCertificate = TlsClients.readCertificate(data.resolve(TlsClients.CLIENT_CERT));
    }

    @AfterAll
    static void stopGateway() throws Exception {
        gateway.close();
    }

    @Test
    void tokenWhenGeneratedScriptRunsWithCurlThenCertificateBoundToken() {
        HttpAnswer answer = Curl.script(data.resolve(DemoSetup.TLS_CLIENT_AUTH_SCRIPT));

        assertBoundReadToken(answer);
    }

    @Test
    void tokenWhenDocumentedCommandRunsInDataDirectoryThenCertificateBoundToken() {
        HttpAnswer answer = Curl.shell(data, DemoSetup.tlsClientAuthCurl(gateway.issuer()));

        assertBoundReadToken(answer);
    }

    @Test
    void tokenWhenClientCredentialsScriptRunsOverMutualTlsThenCertificateBoundToken() {
        HttpAnswer answer = Curl.script(data.resolve(DemoSetup.MTLS_CLIENT_CREDENTIALS_SCRIPT));

        assertTrue(answer.statusLine().startsWith("HTTP/1.1 200"), answer::toString);
        Map<String, Object> json = assertTokenResponse(answer, DemoSetup.READ_SCOPE + " " + DemoSetup.WRITE_SCOPE);
        assertAccessToken(json, gateway.issuer(), DemoSetup.CERTIFICATE_CLIENT_ID, DemoSetup.API_AUDIENCE,
                Optional.of(clientCertificate), jwksClient);
    }

    @Test
    void tokenWhenSecretClientScriptRunsThenTokenIsNotBound() {
        HttpAnswer answer = Curl.script(data.resolve(DemoSetup.SECRET_CLIENT_CREDENTIALS_SCRIPT));

        assertTrue(answer.statusLine().startsWith("HTTP/1.1 200"), answer::toString);
        Map<String, Object> json = assertTokenResponse(answer, DemoSetup.READ_SCOPE);
        assertAccessToken(json, gateway.issuer(), DemoSetup.SECRET_CLIENT_ID, DemoSetup.API_AUDIENCE,
                Optional.empty(), jwksClient);
    }

    private static void assertBoundReadToken(HttpAnswer answer) {
        assertTrue(answer.statusLine().startsWith("HTTP/1.1 200"), answer::toString);
        Map<String, Object> json = assertTokenResponse(answer, DemoSetup.READ_SCOPE);
        assertAccessToken(json, gateway.issuer(), DemoSetup.CERTIFICATE_CLIENT_ID, DemoSetup.API_AUDIENCE,
                Optional.of(clientCertificate), jwksClient);
    }
}
