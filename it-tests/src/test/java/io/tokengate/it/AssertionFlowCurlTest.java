package io.tokengate.it;

import static io.tokengate.it.support.AccessTokens.assertAccessToken;
import static io.tokengate.it.support.AccessTokens.assertTokenResponse;
import static io.tokengate.it.support.AccessTokens.assertTokenResponseWithRefreshToken;
import static io.tokengate.it.support.OAuthErrors.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.tokengate.demo.DemoIdentities;
import io.tokengate.demo.DemoOptions;
import io.tokengate.demo.DemoSetup;
import io.tokengate.demo.GatewayServer;
import io.tokengate.grant.RefreshTokenGrantHandler;
import io.tokengate.it.support.Curl;
import io.tokengate.it.support.HttpAnswer;
import io.tokengate.it.support.TlsClients;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The product's Assertion-flow walkthrough, run for real: each script the gateway writes into its
 * data directory, run with {@code sh} and {@code /usr/bin/curl} over TLS — the password grant with
 * HTTP Basic and with a {@code private_key_jwt} client assertion, each with and without
 * {@code offline_access}, the SAML 2.0 and JWT bearer grants with assertions minted by
 * {@code mint-assertion.sh}, and refresh token rotation with reuse detection. Every access token
 * is verified against the gateway's JWKS as a resource server would.
 */
class AssertionFlowCurlTest {
    private static final String OFFLINE_SCOPE = DemoSetup.READ_SCOPE + " offline_access";

    @TempDir
    static Path data;

    private static GatewayServer gateway;
    private static HttpClient jwksClient;

    @BeforeAll
    static void startGateway() throws Exception {
        gateway = GatewayServer.start(DemoOptions.of(data, 0));
        jwksClient = TlsClients.httpClient(TlsClients.trusting(data.resolve(TlsClients.CA_CERT)));
    }

    @AfterAll
    static void stopGateway() throws Exception {
        gateway.close();
    }

    @Test
    void whenPasswordWithBasicScriptRunsThenUserTokenWithoutRefreshToken() {
        HttpAnswer answer = run(DemoSetup.PASSWORD_BASIC_SCRIPT);

        assertAliceToken(assertTokenResponse(answer, DemoSetup.READ_SCOPE));
    }

    @Test
    void whenPasswordWithBasicOfflineScriptRunsThenRefreshTokenAndOfflineAccessScope() {
        HttpAnswer answer = run(DemoSetup.PASSWORD_BASIC_OFFLINE_SCRIPT);

        assertAliceToken(assertTokenResponseWithRefreshToken(answer, OFFLINE_SCOPE));
    }

    @Test
    void whenPasswordWithClientAssertionScriptRunsThenUserTokenWithoutRefreshToken() {
        HttpAnswer answer = run(DemoSetup.PASSWORD_ASSERTION_SCRIPT);

        assertAliceToken(assertTokenResponse(answer, DemoSetup.READ_SCOPE));
    }

    @Test
    void whenPasswordWithClientAssertionOfflineScriptRunsThenRefreshTokenAndOfflineAccessScope() {
        HttpAnswer answer = run(DemoSetup.PASSWORD_ASSERTION_OFFLINE_SCRIPT);

        assertAliceToken(assertTokenResponseWithRefreshToken(answer, OFFLINE_SCOPE));
    }

    @Test
    void whenSamlBearerScriptRunsThenTokenForTheAssertedUser() {
        HttpAnswer answer = run(DemoSetup.SAML_BEARER_SCRIPT);

        assertAliceToken(assertTokenResponse(answer, DemoSetup.READ_SCOPE));
    }

    @Test
    void whenJwtBearerScriptRunsThenTokenForTheAssertedUser() {
        HttpAnswer answer = run(DemoSetup.JWT_BEARER_SCRIPT);

        assertAliceToken(assertTokenResponse(answer, DemoSetup.READ_SCOPE));
    }

    /**
     * One refresh token family through its life (OAuth 2.0 Security BCP §4.14.2): R1 is rotated
     * to R2; R1 presented again is reuse, refused; and the reuse has revoked the family, so R2 is
     * refused as well.
     */
    @Test
    void whenRefreshScriptRunsTwiceWithSameTokenThenRotatedThenReuseRevokesFamily() {
        String first = refreshTokenOf(assertTokenResponseWithRefreshToken(run(DemoSetup.PASSWORD_BASIC_OFFLINE_SCRIPT),
                OFFLINE_SCOPE));

        Map<String, Object> rotated = assertTokenResponseWithRefreshToken(run(DemoSetup.REFRESH_SCRIPT, first), OFFLINE_SCOPE);
        assertAliceToken(rotated);
        String second = refreshTokenOf(rotated);
        assertNotEquals(first, second, "the refresh token is rotated");

        String reuse = assertError(run(DemoSetup.REFRESH_SCRIPT, first), 400, "invalid_grant");
        assertEquals(RefreshTokenGrantHandler.REUSED, reuse);

        String revoked = assertError(run(DemoSetup.REFRESH_SCRIPT, second), 400, "invalid_grant");
        assertEquals("the refresh token has been revoked; sign in again", revoked);
    }

    /** {@code sh SCRIPT [ARGUMENT]} in the data directory, as the walkthrough tells a user to run it. */
    private static HttpAnswer run(String script, String... argument) {
        return Curl.shell(data, "sh ./" + script + (argument.length == 0 ? "" : " '" + argument[0] + "'"));
    }

    private static void assertAliceToken(Map<String, Object> tokenResponse) {
        assertAccessToken(tokenResponse, gateway.issuer(), DemoIdentities.USER, DemoIdentities.WEB_APP_ID,
                DemoSetup.API_AUDIENCE, Optional.empty(), jwksClient);
    }

    private static String refreshTokenOf(Map<String, Object> tokenResponse) {
        return (String) tokenResponse.get("refresh_token");
    }
}
