package io.tokengate.it.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jwt.JWTClaimsSet;
import io.tokengate.agent.AccessToken;
import io.tokengate.agent.ClientAuth;
import io.tokengate.agent.ClientGrant;
import io.tokengate.agent.ClientKeyMaterial;
import io.tokengate.agent.TokenAgent;
import io.tokengate.agent.TokenAgentConfig;
import io.tokengate.agent.TokenRequestException;
import io.tokengate.agent.UserGrant;
import io.tokengate.cert.Thumbprints;
import io.tokengate.demo.DemoIdentities;
import io.tokengate.demo.DemoPki;
import io.tokengate.demo.DemoSetup;
import io.tokengate.demo.MintAssertion;
import io.tokengate.it.support.HttpAnswer;
import io.tokengate.it.support.TlsClients;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every grant and client authentication the agent supports, against the real token endpoint, each
 * token then used at the real protected resource over TLS: the user assertion grants with
 * assertions the agent mints as a Trusted client (JWT and SAML) and with third-party assertions
 * the application supplies, client credentials, and the {@code tls_client_auth} grant; client
 * authentication by secret (Basic and post), {@code private_key_jwt} and mutual TLS; the token
 * endpoint found by RFC 8414 discovery.
 */
class AgentGrantsTest {
    @TempDir
    static Path data;

    private static AgentTestServer server;

    @BeforeAll
    static void startServer() throws Exception {
        server = AgentTestServer.start(data);
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    @BeforeEach
    void reset() {
        server.reset();
    }

    @Test
    void accessTokenWhenMintedJwtAssertionAndClientSecretBasicThenUserTokenAcceptedByResource() throws Exception {
        TokenAgent agent = userAgent(Agents.agent(server).clientAuth(ClientAuth.CLIENT_SECRET_BASIC)
                .clientSecret(server.agentSecret()).keyMaterial(Agents.agentKey(server)).userGrant(UserGrant.JWT_BEARER));

        AccessToken token = agent.accessToken(DemoSetup.API_AUDIENCE, Agents.READ);

        assertEquals(List.of(UserGrant.JWT_BEARER.grantType()), server.tokenEndpoint.grantTypes());
        JWTClaimsSet claims = ResourceCalls.claims(token);
        assertEquals(DemoIdentities.USER, claims.getSubject());
        assertEquals(AgentTestServer.AGENT_ID, claims.getStringClaim("client_id"));
        assertNull(claims.getClaim("cnf"), "secret authentication binds nothing");
        ResourceCalls.assertPrincipal(DemoIdentities.USER, callApi(agent.sslContext(), token));
    }

    @Test
    void accessTokenWhenMintedSamlAssertionAndPrivateKeyJwtThenUserTokenAcceptedByResource() throws Exception {
        TokenAgent agent = userAgent(Agents.agent(server).clientAuth(ClientAuth.PRIVATE_KEY_JWT)
                .keyMaterial(Agents.agentKey(server)).userGrant(UserGrant.SAML2_BEARER));

        AccessToken token = agent.accessToken(DemoSetup.API_AUDIENCE, Agents.READ);

        assertEquals(List.of(UserGrant.SAML2_BEARER.grantType()), server.tokenEndpoint.grantTypes());
        assertEquals(DemoIdentities.USER, ResourceCalls.claims(token).getSubject());
        ResourceCalls.assertPrincipal(DemoIdentities.USER, callApi(agent.sslContext(), token));
    }

    @Test
    void accessTokenWhenMintedJwtAssertionOverMutualTlsThenTokenBoundToAgentCertificate() throws Exception {
        ClientKeyMaterial key = Agents.agentKey(server);
        TokenAgent agent = userAgent(Agents.agent(server).clientAuth(ClientAuth.TLS_CLIENT_AUTH).keyMaterial(key));

        AccessToken token = agent.accessToken(DemoSetup.API_AUDIENCE, Agents.READ);

        assertEquals(Map.of("x5t#S256", Thumbprints.x5tS256(key.certificate())), ResourceCalls.claims(token).getJSONObjectClaim("cnf"));
        ResourceCalls.assertPrincipal(DemoIdentities.USER, callApi(agent.sslContext(), token));
        assertEquals(401, callApi(TlsClients.trusting(data.resolve(DemoPki.CA_CERT)), token).status(),
                "a bound token without its certificate is refused");
    }

    @Test
    void accessTokenWhenThirdPartyJwtAssertionThenTokenForItsSubject() throws Exception {
        DemoPki pki = new DemoPki(data);
        TokenAgent agent = userAgent(TokenAgentConfig.builder(DemoIdentities.WEB_APP_ID).tokenEndpoint(server.tokenEndpointUrl())
                .trustAnchors(List.of(pki.readCertificate(DemoPki.CA_CERT))).clientAuth(ClientAuth.CLIENT_SECRET_BASIC)
                .clientSecret(webAppSecret()).userGrant(UserGrant.JWT_BEARER)
                .assertionSource((subject, endpoint) -> mint("jwt", subject, pki)));

        AccessToken token = agent.accessToken(DemoSetup.API_AUDIENCE, Agents.READ);

        JWTClaimsSet claims = ResourceCalls.claims(token);
        assertEquals(DemoIdentities.USER, claims.getSubject());
        assertEquals(DemoIdentities.WEB_APP_ID, claims.getStringClaim("client_id"));
        ResourceCalls.assertPrincipal(DemoIdentities.USER, callApi(agent.sslContext(), token));
    }

    @Test
    void accessTokenWhenThirdPartySamlAssertionWithPrivateKeyJwtThenTokenForItsSubject() throws Exception {
        DemoPki pki = new DemoPki(data);
        TokenAgent agent = userAgent(TokenAgentConfig.builder(DemoIdentities.WEB_APP_ID).tokenEndpoint(server.tokenEndpointUrl())
                .trustAnchors(List.of(pki.readCertificate(DemoPki.CA_CERT))).clientAuth(ClientAuth.PRIVATE_KEY_JWT)
                .keyMaterial(ClientKeyMaterial.of(pki.readPrivateKey(DemoIdentities.WEB_APP_KEY),
                        pki.readCertificate(DemoIdentities.WEB_APP_CERT)))
                .userGrant(UserGrant.SAML2_BEARER).assertionSource((subject, endpoint) -> mint("saml", subject, pki)));

        AccessToken token = agent.accessToken(DemoSetup.API_AUDIENCE, Agents.READ);

        assertEquals(List.of(UserGrant.SAML2_BEARER.grantType()), server.tokenEndpoint.grantTypes());
        assertEquals(DemoIdentities.USER, ResourceCalls.claims(token).getSubject());
        ResourceCalls.assertPrincipal(DemoIdentities.USER, callApi(agent.sslContext(), token));
    }

    @Test
    void accessTokenWhenNoSubjectAndClientSecretPostThenClientCredentialsTokenForTheClient() throws Exception {
        TokenAgent agent = TokenAgent.create(Agents.agent(server).clientAuth(ClientAuth.CLIENT_SECRET_POST)
                .clientSecret(server.agentSecret()).keyMaterial(Agents.agentKey(server)).build(), new Agents.Subject());

        AccessToken token = agent.accessToken(DemoSetup.API_AUDIENCE, Agents.READ);

        assertEquals(List.of("client_credentials"), server.tokenEndpoint.grantTypes());
        assertEquals(AgentTestServer.AGENT_ID, ResourceCalls.claims(token).getSubject());
        ResourceCalls.assertPrincipal(AgentTestServer.AGENT_ID, callApi(agent.sslContext(), token));
    }

    @Test
    void accessTokenWhenNoSubjectAndTlsClientAuthGrantThenBoundClientToken() throws Exception {
        ClientKeyMaterial key = Agents.agentKey(server);
        TokenAgent agent = TokenAgent.create(Agents.agent(server).clientAuth(ClientAuth.TLS_CLIENT_AUTH).keyMaterial(key)
                .clientGrant(ClientGrant.TLS_CLIENT_AUTH).build(), new Agents.Subject());

        AccessToken token = agent.accessToken(DemoSetup.API_AUDIENCE, Agents.READ);

        assertEquals(List.of("tls_client_auth"), server.tokenEndpoint.grantTypes());
        JWTClaimsSet claims = ResourceCalls.claims(token);
        assertEquals(AgentTestServer.AGENT_ID, claims.getSubject());
        assertEquals(Map.of("x5t#S256", Thumbprints.x5tS256(key.certificate())), claims.getJSONObjectClaim("cnf"));
        ResourceCalls.assertPrincipal(AgentTestServer.AGENT_ID, callApi(agent.sslContext(), token));
    }

    @Test
    void accessTokenWhenIssuerConfiguredThenTokenEndpointDiscoveredFromMetadata() throws Exception {
        TokenAgent agent = userAgent(TokenAgentConfig.builder(AgentTestServer.AGENT_ID).issuer(server.issuer())
                .trustAnchors(List.of(server.pki.readCertificate(DemoPki.CA_CERT))).clientAuth(ClientAuth.CLIENT_SECRET_BASIC)
                .clientSecret(server.agentSecret()).keyMaterial(Agents.agentKey(server)));

        AccessToken token = agent.accessToken(DemoSetup.API_AUDIENCE, Agents.READ);

        assertEquals(1, server.tokenEndpoint.requests());
        ResourceCalls.assertPrincipal(DemoIdentities.USER, callApi(agent.sslContext(), token));
    }

    @Test
    void accessTokenWhenSecretIsWrongThenInvalidClientAtOnceWithoutRetry() throws Exception {
        TokenAgent agent = userAgent(Agents.agent(server).clientAuth(ClientAuth.CLIENT_SECRET_BASIC)
                .clientSecret("not-the-secret").keyMaterial(Agents.agentKey(server)));

        TokenRequestException e = assertThrows(TokenRequestException.class,
                () -> agent.accessToken(DemoSetup.API_AUDIENCE, Agents.READ));

        assertEquals("invalid_client", e.error());
        assertEquals(401, e.status().orElseThrow());
        assertTrue(e.getMessage().contains(server.tokenEndpointUrl()), e.getMessage());
        assertEquals(1, server.tokenEndpoint.requests(), "a refusal is not retried");
    }

    @Test
    void accessTokenWhenScopeNotGrantedThenInvalidScope() throws Exception {
        TokenAgent agent = userAgent(Agents.agent(server).clientAuth(ClientAuth.CLIENT_SECRET_BASIC)
                .clientSecret(server.agentSecret()).keyMaterial(Agents.agentKey(server)));

        TokenRequestException e = assertThrows(TokenRequestException.class,
                () -> agent.accessToken(DemoSetup.API_AUDIENCE, List.of(DemoSetup.API_AUDIENCE + "orders.delete")));

        assertEquals("invalid_scope", e.error());
        assertEquals(1, server.tokenEndpoint.requests());
    }

    private static TokenAgent userAgent(TokenAgentConfig.Builder config) {
        return TokenAgent.create(config.build(), () -> java.util.Optional.of(DemoIdentities.USER));
    }

    private static String mint(String kind, String subject, DemoPki pki) {
        try {
            return MintAssertion.mint(kind, server.issuer(), subject, pki);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String webAppSecret() throws Exception {
        return Files.readString(data.resolve(DemoIdentities.WEB_APP_SECRET_FILE), StandardCharsets.UTF_8).trim();
    }

    private static HttpAnswer callApi(SSLContext tls, AccessToken token) {
        return ResourceCalls.callApi(server, tls, token);
    }
}
