package io.tokengate.it.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.tokengate.agent.AccessToken;
import io.tokengate.it.support.HttpAnswer;
import io.tokengate.it.support.Https;
import io.tokengate.it.support.TlsClients;
import javax.net.ssl.SSLContext;

/** Uses a token the way a client would: at the test server's protected resource, over TLS. */
final class ResourceCalls {
    private ResourceCalls() {
    }

    /** The token's claims, read without verifying (the resource verifies). */
    static JWTClaimsSet claims(AccessToken token) throws Exception {
        return SignedJWT.parse(token.value()).getJWTClaimsSet();
    }

    /** GET of the orders API with {@code token}, over a connection made with {@code tls}. */
    static HttpAnswer callApi(AgentTestServer server, SSLContext tls, AccessToken token) {
        return Https.request(TlsClients.httpClient(tls), "GET", server.apiUrl(), "Authorization", token.authorizationHeader());
    }

    /** The resource answered 200 and saw {@code expected} as the caller. */
    static void assertPrincipal(String expected, HttpAnswer answer) {
        assertEquals(200, answer.status(), answer::toString);
        assertTrue(answer.body().contains("\"principal\":\"" + expected + "\""), answer.body());
    }
}
