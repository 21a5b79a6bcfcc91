package io.tokengate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokengate.demo.DemoIdentities;
import io.tokengate.demo.DemoOptions;
import io.tokengate.demo.DemoSetup;
import io.tokengate.demo.GatewayServer;
import io.tokengate.it.support.Curl;
import io.tokengate.it.support.HttpAnswer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Step 4 of both flows in the demo, with curl: a token from the token endpoint, then a call to the
 * protected {@code /api} that answers with the caller's identity and scopes; a certificate-bound
 * token without its certificate is refused.
 */
class DemoApiCurlTest {
    @TempDir
    static Path data;

    private static GatewayServer gateway;

    @BeforeAll
    static void startGateway() throws Exception {
        gateway = GatewayServer.start(DemoOptions.of(data, 0));
    }

    @AfterAll
    static void stopGateway() throws Exception {
        gateway.close();
    }

    @Test
    void whenBoundTokenUsedWithItsCertificateThenApiAnswersWithTheClientIdentity() {
        String token = accessToken(DemoSetup.TLS_CLIENT_AUTH_SCRIPT);

        HttpAnswer answer = run(DemoSetup.API_CALL_SCRIPT, token);

        assertEquals(200, answer.status(), answer::toString);
        Map<String, Object> body = answer.json();
        assertEquals(DemoSetup.CERTIFICATE_CLIENT_ID, body.get("subject"));
        assertEquals(DemoSetup.CERTIFICATE_CLIENT_ID, body.get("client_id"));
        assertEquals("Bearer", body.get("auth_type"));
        assertEquals(List.of(DemoSetup.READ_SCOPE), body.get("scopes"));
    }

    @Test
    void whenBoundTokenUsedWithoutCertificateThen401InvalidToken() {
        String token = accessToken(DemoSetup.TLS_CLIENT_AUTH_SCRIPT);

        HttpAnswer answer = run(DemoSetup.API_CALL_WITHOUT_CERTIFICATE_SCRIPT, token);

        assertEquals(401, answer.status(), answer::toString);
        String challenge = answer.header("WWW-Authenticate").orElseThrow();
        assertTrue(challenge.startsWith("Bearer realm=\"demo-api\", error=\"invalid_token\""), challenge);
        assertTrue(challenge.contains("bound to a client certificate"), challenge);
    }

    @Test
    void whenUserTokenFromAssertionFlowUsedThenApiAnswersWithTheUser() {
        String token = accessToken(DemoSetup.JWT_BEARER_SCRIPT);

        HttpAnswer answer = run(DemoSetup.API_CALL_WITHOUT_CERTIFICATE_SCRIPT, token);

        assertEquals(200, answer.status(), answer::toString);
        assertEquals(DemoIdentities.USER, answer.json().get("subject"));
        assertEquals(DemoIdentities.WEB_APP_ID, answer.json().get("client_id"));
    }

    @Test
    void whenTokenRevokedAtTheAuthorizationServerThenApiRefusesIt() {
        String token = accessToken(DemoSetup.TLS_CLIENT_AUTH_SCRIPT);
        assertEquals(200, run(DemoSetup.API_CALL_SCRIPT, token).status());

        HttpAnswer revoked = Curl.shell(data, "curl -s -i --cacert cacert.crt --key client.key --cert client.crt"
                + " --request POST " + gateway.issuer() + "/oauth2/v1/revoke -d 'client_id="
                + DemoSetup.CERTIFICATE_CLIENT_ID + "&token_type_hint=access_token&token=" + token + "'");
        assertEquals(200, revoked.status(), revoked::toString);

        HttpAnswer answer = run(DemoSetup.API_CALL_SCRIPT, token);
        assertEquals(401, answer.status(), answer::toString);
        String challenge = answer.header("WWW-Authenticate").orElseThrow();
        assertTrue(challenge.contains("error=\"invalid_token\"") && challenge.contains("revoked"), challenge);
    }

    @Test
    void whenNoTokenThen401WithBareChallenge() {
        HttpAnswer answer = Curl.shell(data, "curl -s -i --cacert cacert.crt " + gateway.issuer() + "/api/orders");

        assertEquals(401, answer.status(), answer::toString);
        assertEquals("Bearer realm=\"demo-api\"", answer.header("WWW-Authenticate").orElseThrow());
    }

    private static String accessToken(String script) {
        HttpAnswer answer = run(script, null);
        assertEquals(200, answer.status(), answer::toString);
        return (String) answer.json().get("access_token");
    }

    private static HttpAnswer run(String script, String argument) {
        return Curl.shell(data, "sh ./" + script + (argument == null ? "" : " '" + argument + "'"));
    }
}
