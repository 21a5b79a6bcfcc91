package io.tokengate.grant;

import static io.tokengate.testing.OAuth2Assertions.assertDescriptionContains;
import static io.tokengate.testing.OAuth2Assertions.assertOAuth2Error;
import static io.tokengate.testing.TestClients.ORDERS_READ;
import static io.tokengate.testing.TestClients.ORDERS_WRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.sun.net.httpserver.HttpServer;
import io.tokengate.assertion.AssertionPolicy;
import io.tokengate.assertion.jwt.AssertionKeys;
import io.tokengate.assertion.jwt.JwksFetcher;
import io.tokengate.assertion.jwt.JwtAssertionVerifier;
import io.tokengate.clientauth.AuthenticatedClient;
import io.tokengate.error.ErrorCode;
import io.tokengate.error.OAuth2Exception;
import io.tokengate.http.TokenRequest;
import io.tokengate.registry.Client;
import io.tokengate.registry.ClientAuthMethod;
import io.tokengate.registry.ClientType;
import io.tokengate.registry.InMemoryRegistry;
import io.tokengate.registry.TrustedIssuer;
import io.tokengate.replay.InMemoryReplayCache;
import io.tokengate.testing.IssuedCertificate;
import io.tokengate.testing.MutableClock;
import io.tokengate.testing.TestCertificates;
import io.tokengate.testing.TestClients;
import io.tokengate.testing.TestJwts;
import io.tokengate.testing.TestSigningKeys;
import io.tokengate.token.AccessTokenIssuer;
import io.tokengate.token.SigningKeySource;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JwtBearerGrantHandlerTest {
    private static final String AS = "https://as.example.test";
    private static final String TOKEN_ENDPOINT = AS + "/oauth2/v1/token";
    private static final String IDP = "https://idp.example.test";
    private static final String USER = "alice@example.test";
    private static final Duration SKEW = Duration.ofSeconds(60);
    private static final Duration REFETCH_INTERVAL = Duration.ofSeconds(30);
    private static final Duration JWKS_TTL = Duration.ofMinutes(10);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private static final RSAKey IDP_KEY = rsa("idp-1");
    private static final ECKey ROTATED_KEY = ec("idp-2");

    private final TestCertificates pki = TestCertificates.create();
    private final MutableClock clock = new MutableClock(pki.now());
    private final SigningKeySource tokenKeys = TestSigningKeys.es256();
    private final InMemoryReplayCache replay = new InMemoryReplayCache(clock, SKEW);
    private final IssuedCertificate ordersCertificate = pki.clientIssuedByIntermediate("CN=orders-service, O=Example");
    private final IssuedCertificate portalCertificate = pki.clientIssuedByIntermediate("CN=portal, O=Example");
    private final Client orders = TestClients.privateKeyJwt("orders-service", ordersCertificate.certificate()).build();
    private final Client portal = TestClients.privateKeyJwt("portal", portalCertificate.certificate())
            .clientType(ClientType.TRUSTED).build();
    private final TrustedIssuer staticIdp = new TrustedIssuer(IDP, TrustedIssuer.Type.JWT, List.of(),
            Optional.of(new JWKSet(IDP_KEY.toPublicJWK())), Optional.empty(), Set.of());

    private final AtomicInteger jwksHits = new AtomicInteger();
    private final AtomicReference<String> servedJwks = new AtomicReference<>();
    private final AtomicInteger jwksStatus = new AtomicInteger(200);
    private HttpServer jwksServer;

    @AfterEach
    void stopJwksServer() {
        if (jwksServer != null) {
            jwksServer.stop(0);
        }
    }

    @Test
    void grantTypeWhenAskedThenJwtBearerForConfidentialClientsOnly() {
        JwtBearerGrantHandler handler = handler(staticIdp);

        assertEquals("urn:ietf:params:oauth:grant-type:jwt-bearer", handler.grantType());
        assertFalse(handler.allowsPublicClients());
    }

    @Test
    void handleWhenTrustedIssuerWithStaticJwksThenTokenForAssertionSubject() throws ParseException {
        TokenResponse response = handler(staticIdp).handle(request(idpAssertion().sign(IDP_KEY)), client(orders));

        JWTClaimsSet claims = TestSigningKeys.verified(response.accessToken(), tokenKeys).getJWTClaimsSet();
        assertEquals(USER, claims.getSubject());
        assertEquals("orders-service", claims.getStringClaim("client_id"));
        assertEquals(AS, claims.getIssuer());
        assertEquals(List.of(ORDERS_READ, ORDERS_WRITE), response.scopes());
        assertEquals(Optional.empty(), response.refreshToken());
    }

    @Test
    void handleWhenScopeRequestedThenOnlyThatScope() throws ParseException {
        TokenRequest request = request(idpAssertion().sign(IDP_KEY), Map.of("scope", ORDERS_READ));

        TokenResponse response = handler(staticIdp).handle(request, client(orders));

        assertEquals(List.of(ORDERS_READ), response.scopes());
        assertEquals(ORDERS_READ, TestSigningKeys.verified(response.accessToken(), tokenKeys).getJWTClaimsSet()
                .getStringClaim("scope"));
    }

    @Test
    void handleWhenAssertionParameterMissingThenInvalidRequest() {
        OAuth2Exception e = assertOAuth2Error(ErrorCode.INVALID_REQUEST,
                () -> handler(staticIdp).handle(request(null), client(orders)));

        assertDescriptionContains(e, "the 'assertion' parameter is missing");
    }

    @Test
    void handleWhenAssertionUnsignedThenInvalidGrant() {
        OAuth2Exception e = assertOAuth2Error(ErrorCode.INVALID_GRANT,
                () -> handler(staticIdp).handle(request(idpAssertion().unsigned()), client(orders)));

        assertDescriptionContains(e, "alg none is refused");
    }

    @Test
    void handleWhenIssuerUntrustedThenInvalidGrantNamingIt() {
        String assertion = TestJwts.assertion("https://rogue.example.test", USER, TOKEN_ENDPOINT, pki.now()).sign(IDP_KEY);

        OAuth2Exception e = assertOAuth2Error(ErrorCode.INVALID_GRANT,
                () -> handler(staticIdp).handle(request(assertion), client(orders)));

        assertDescriptionContains(e, "assertion issuer https://rogue.example.test is not a trusted identity provider");
    }

    @Test
    void handleWhenIssuerTrustedOnlyForSamlThenInvalidGrant() {
        IssuedCertificate samlSigner = pki.clientIssuedByIntermediate("CN=saml-idp, O=Example");
        TrustedIssuer saml = new TrustedIssuer(IDP, TrustedIssuer.Type.SAML, List.of(samlSigner.certificate()),
                Optional.empty(), Optional.empty(), Set.of());
        String assertion = idpAssertion().sign(TestJwts.signingKeyOf(samlSigner));

        OAuth2Exception e = assertOAuth2Error(ErrorCode.INVALID_GRANT,
                () -> handler(saml).handle(request(assertion), client(orders)));

        assertDescriptionContains(e, "is not a trusted identity provider");
    }

    @Test
    void handleWhenAlgorithmNotAllowedForIssuerThenInvalidGrant() {
        TrustedIssuer es256Only = new TrustedIssuer(IDP, TrustedIssuer.Type.JWT, List.of(),
                Optional.of(new JWKSet(IDP_KEY.toPublicJWK())), Optional.empty(), Set.of(JWSAlgorithm.ES256));

        OAuth2Exception e = assertOAuth2Error(ErrorCode.INVALID_GRANT,
                () -> handler(es256Only).handle(request(idpAssertion().sign(IDP_KEY)), client(orders)));

        assertDescriptionContains(e, "signed with RS256, which is not allowed for " + IDP);
    }

    @Test
    void handleWhenTrustedClientSignsOwnAssertionWithCertificateKeyThenTokenForSubject() throws ParseException {
        String assertion = TestJwts.assertion("portal", USER, TOKEN_ENDPOINT, pki.now())
                .sign(TestJwts.signingKeyOf(portalCertificate));

        TokenResponse response = handler(staticIdp).handle(request(assertion), client(portal));

        JWTClaimsSet claims = TestSigningKeys.verified(response.accessToken(), tokenKeys).getJWTClaimsSet();
        assertEquals(USER, claims.getSubject());
        assertEquals("portal", claims.getStringClaim("client_id"));
    }

    @Test
    void handleWhenConfidentialClientSignsOwnAssertionThenInvalidGrant() {
        String assertion = TestJwts.assertion("orders-service", USER, TOKEN_ENDPOINT, pki.now())
                .sign(TestJwts.signingKeyOf(ordersCertificate));

        OAuth2Exception e = assertOAuth2Error(ErrorCode.INVALID_GRANT,
                () -> handler(staticIdp).handle(request(assertion), client(orders)));

        assertDescriptionContains(e, "assertion issuer orders-service is not a trusted identity provider");
    }

    @Test
    void handleWhenTrustedClientSendsAssertionIssuedAsAnotherClientThenInvalidGrant() {
        String assertion = TestJwts.assertion("orders-service", USER, TOKEN_ENDPOINT, pki.now())
                .sign(TestJwts.signingKeyOf(portalCertificate));

        OAuth2Exception e = assertOAuth2Error(ErrorCode.INVALID_GRANT,
                () -> handler(staticIdp).handle(request(assertion), client(portal)));

        assertDescriptionContains(e, "assertion issuer orders-service is not a trusted identity provider");
    }

    @Test
    void handleWhenTrustedClientAssertionSignedByOtherKeyThenInvalidGrant() {
        String assertion = TestJwts.assertion("portal", USER, TOKEN_ENDPOINT, pki.now())
                .sign(TestJwts.signingKeyOf(ordersCertificate));

        OAuth2Exception e = assertOAuth2Error(ErrorCode.INVALID_GRANT,
                () -> handler(staticIdp).handle(request(assertion), client(portal)));

        assertDescriptionContains(e, "the signature of the assertion does not verify with the keys of portal");
    }

    @Test
    void handleWhenAssertionReplayedThenInvalidGrantAlreadyUsed() {
        JwtBearerGrantHandler handler = handler(staticIdp);
        TestJwts.Builder assertion = idpAssertion();
        handler.handle(request(assertion.sign(IDP_KEY)), client(orders));

        OAuth2Exception e = assertOAuth2Error(ErrorCode.INVALID_GRANT,
                () -> handler.handle(request(assertion.sign(IDP_KEY)), client(orders)));

        assertDescriptionContains(e, "the assertion with jti " + assertion.claims().getJWTID() + " from " + IDP
                + " was already used");
    }

    @Test
    void handleWhenReplayedByAnotherClientThenInvalidGrant() {
        JwtBearerGrantHandler handler = handler(staticIdp);
        String assertion = idpAssertion().sign(IDP_KEY);
        handler.handle(request(assertion), client(orders));

        assertOAuth2Error(ErrorCode.INVALID_GRANT, () -> handler.handle(request(assertion), client(portal)));
    }

    @Test
    void handleWhenForgedAssertionWithFreshJtiThenRefusedAndJtiNotRecorded() {
        JwtBearerGrantHandler handler = handler(staticIdp);
        RSAKey forger = rsa("idp-1");
        TestJwts.Builder assertion = idpAssertion().jwtId("jti-chosen-by-forger");

        OAuth2Exception e = assertOAuth2Error(ErrorCode.INVALID_GRANT,
                () -> handler.handle(request(assertion.sign(forger)), client(orders)));

        assertDescriptionContains(e, "the signature of the assertion does not verify with the keys of " + IDP);
        assertEquals(0, replay.size());
        TokenResponse genuine = handler.handle(request(assertion.sign(IDP_KEY)), client(orders));
        assertEquals(1, replay.size());
        assertFalse(genuine.accessToken().isEmpty());
    }

    @Test
    void handleWhenAssertionExpiredThenInvalidGrantAndJtiNotRecorded() {
        String expired = idpAssertion().issuedAt(pki.now().minus(Duration.ofMinutes(10)))
                .expiresAt(pki.now().minus(Duration.ofMinutes(5))).sign(IDP_KEY);

        OAuth2Exception e = assertOAuth2Error(ErrorCode.INVALID_GRANT,
                () -> handler(staticIdp).handle(request(expired), client(orders)));

        assertDescriptionContains(e, "the assertion expired at");
        assertEquals(0, replay.size());
    }

    @Test
    void handleWhenIssuerHasJwksUriThenKeysFetchedOnceAndCached() throws IOException {
        TrustedIssuer remote = remoteIdp(serveJwks(new JWKSet(IDP_KEY.toPublicJWK())));
        JwtBearerGrantHandler handler = handler(remote);

        handler.handle(request(idpAssertion().sign(IDP_KEY)), client(orders));
        handler.handle(request(idpAssertion().sign(IDP_KEY)), client(orders));

        assertEquals(1, jwksHits.get());
    }

    @Test
    void handleWhenJwksTimeToLiveEndsThenFetchedAgain() throws IOException {
        TrustedIssuer remote = remoteIdp(serveJwks(new JWKSet(IDP_KEY.toPublicJWK())));
        JwtBearerGrantHandler handler = handler(remote);
        handler.handle(request(idpAssertion().sign(IDP_KEY)), client(orders));

        clock.advance(JWKS_TTL.plusSeconds(1));
        handler.handle(request(idpAssertion().sign(IDP_KEY)), client(orders));

        assertEquals(2, jwksHits.get());
    }

    @Test
    void handleWhenUnknownKidThenRefetchedOnlyAfterMinimumInterval() throws IOException {
        TrustedIssuer remote = remoteIdp(serveJwks(new JWKSet(IDP_KEY.toPublicJWK())));
        JwtBearerGrantHandler handler = handler(remote);
        handler.handle(request(idpAssertion().sign(IDP_KEY)), client(orders));
        servedJwks.set(new JWKSet(List.of(IDP_KEY.toPublicJWK(), ROTATED_KEY.toPublicJWK())).toString());

        clock.advance(REFETCH_INTERVAL.minusSeconds(1));
        OAuth2Exception tooSoon = assertOAuth2Error(ErrorCode.INVALID_GRANT,
                () -> handler.handle(request(idpAssertion().sign(ROTATED_KEY)), client(orders)));
        assertDescriptionContains(tooSoon, "no key of " + IDP + " matches the assertion (kid idp-2)");
        assertEquals(1, jwksHits.get());

        clock.advance(Duration.ofSeconds(1));
        TokenResponse afterInterval = handler.handle(request(idpAssertion().sign(ROTATED_KEY)), client(orders));
        assertEquals(2, jwksHits.get());
        assertFalse(afterInterval.accessToken().isEmpty());
    }

    @Test
    void handleWhenJunkKidsFloodThenAtMostOneRefetchPerInterval() throws IOException {
        TrustedIssuer remote = remoteIdp(serveJwks(new JWKSet(IDP_KEY.toPublicJWK())));
        JwtBearerGrantHandler handler = handler(remote);
        handler.handle(request(idpAssertion().sign(IDP_KEY)), client(orders));
        clock.advance(REFETCH_INTERVAL);

        for (int i = 0; i < 20; i++) {
            String junk = idpAssertion().keyId("junk-" + i).sign(IDP_KEY);
            assertOAuth2Error(ErrorCode.INVALID_GRANT, () -> handler.handle(request(junk), client(orders)));
        }

        assertEquals(2, jwksHits.get());
    }

    @Test
    void handleWhenJwksUriFailsAndNothingCachedThenInvalidGrantSayingTryLater() throws IOException {
        URI uri = serveJwks(new JWKSet(IDP_KEY.toPublicJWK()));
        jwksStatus.set(500);

        OAuth2Exception e = assertOAuth2Error(ErrorCode.INVALID_GRANT,
                () -> handler(remoteIdp(uri)).handle(request(idpAssertion().sign(IDP_KEY)), client(orders)));

        assertDescriptionContains(e, "the keys of the assertion issuer could not be fetched from " + uri
                + "; try again later");
    }

    @Test
    void handleWhenRefetchFailsThenCachedKeysStillServed() throws IOException {
        TrustedIssuer remote = remoteIdp(serveJwks(new JWKSet(IDP_KEY.toPublicJWK())));
        JwtBearerGrantHandler handler = handler(remote);
        handler.handle(request(idpAssertion().sign(IDP_KEY)), client(orders));
        jwksStatus.set(503);
        clock.advance(REFETCH_INTERVAL);
        assertOAuth2Error(ErrorCode.INVALID_GRANT,
                () -> handler.handle(request(idpAssertion().sign(ROTATED_KEY)), client(orders)));

        TokenResponse response = handler.handle(request(idpAssertion().sign(IDP_KEY)), client(orders));

        assertEquals(2, jwksHits.get());
        assertFalse(response.accessToken().isEmpty());
    }

    private JwtBearerGrantHandler handler(TrustedIssuer... issuers) {
        InMemoryRegistry registry = new InMemoryRegistry(List.of(orders, portal), TestClients.roles(),
                List.of(TestClients.ordersApi()), List.of(issuers));
        AccessTokenIssuer tokens = new AccessTokenIssuer(AS, Duration.ofHours(1), tokenKeys, clock, new SecureRandom());
        JwksFetcher fetcher = new JwksFetcher(HTTP, clock, JWKS_TTL, REFETCH_INTERVAL, Duration.ofSeconds(5));
        return new JwtBearerGrantHandler(registry, new AssertionKeys(fetcher), new JwtAssertionVerifier(clock), replay,
                new AssertionPolicy(Set.of(AS, TOKEN_ENDPOINT), Duration.ofHours(1), SKEW),
                new UserTokenMinter(new ScopeResolver(registry), tokens, Optional.empty()));
    }

    private static TrustedIssuer remoteIdp(URI jwksUri) {
        return new TrustedIssuer(IDP, TrustedIssuer.Type.JWT, List.of(), Optional.empty(), Optional.of(jwksUri), Set.of());
    }

    /** Serves {@code keys} (public parts only) at a fresh HTTP server on 127.0.0.1, counting requests. */
    private URI serveJwks(JWKSet keys) throws IOException {
        servedJwks.set(keys.toString());
        jwksServer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        jwksServer.createContext("/jwks", exchange -> {
            jwksHits.incrementAndGet();
            byte[] body = servedJwks.get().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/jwk-set+json");
            exchange.sendResponseHeaders(jwksStatus.get(), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        jwksServer.start();
        return URI.create("http://127.0.0.1:" + jwksServer.getAddress().getPort() + "/jwks");
    }

    private TestJwts.Builder idpAssertion() {
        Instant now = clock.instant();
        return TestJwts.assertion(IDP, USER, TOKEN_ENDPOINT, now);
    }

    private static AuthenticatedClient client(Client client) {
        return new AuthenticatedClient(client, ClientAuthMethod.PRIVATE_KEY_JWT, Optional.empty());
    }

    private static TokenRequest request(String assertion) {
        return request(assertion, Map.of());
    }

    private static TokenRequest request(String assertion, Map<String, String> extra) {
        Map<String, String> parameters = new HashMap<>(extra);
        parameters.put("grant_type", JwtBearerGrantHandler.GRANT_TYPE);
        if (assertion != null) {
            parameters.put("assertion", assertion);
        }
        return new TokenRequest(parameters, Optional.empty(), Optional.empty(), "203.0.113.7");
    }

    private static RSAKey rsa(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ECKey ec(String kid) {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
