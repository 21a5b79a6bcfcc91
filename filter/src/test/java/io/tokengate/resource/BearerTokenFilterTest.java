package io.tokengate.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.tokengate.cert.TrustedProxies;
import io.tokengate.testing.IssuedCertificate;
import io.tokengate.testing.MutableClock;
import io.tokengate.testing.RecordingResponse;
import io.tokengate.testing.TestAccessTokens;
import io.tokengate.testing.TestCertificates;
import io.tokengate.token.AccessTokenClaims;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.ArgumentCaptor;

/** The filter's answers, each refusal with its status and exact {@code WWW-Authenticate} (RFC 6750 §3). */
class BearerTokenFilterTest {
    private static final String READ = TestAccessTokens.ORDERS_READ;
    private static final String WRITE = TestAccessTokens.ORDERS_WRITE;
    private static final String REALM = "Bearer realm=\"orders\"";
    private static final String PROXY = "10.0.0.5";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final TestAccessTokens tokens = TestAccessTokens.es256(clock);
    private final TestCertificates pki = TestCertificates.at(clock.instant());
    private final IssuedCertificate client = pki.clientIssuedByIntermediate("CN=orders-service, O=Example");
    private final IssuedCertificate otherClient = pki.clientIssuedByIntermediate("CN=billing-service, O=Example");
    private final FilterChain chain = mock(FilterChain.class);

    private BearerTokenFilter filter(ResourceServerConfig.Builder config) {
        ResourceServerConfig c = config.build();
        return new BearerTokenFilter(c, new AccessTokenValidator(c, JwksKeySource.of(tokens.publicKeys(), clock), clock));
    }

    private static ResourceServerConfig.Builder config() {
        return ResourceServerConfig.builder(TestAccessTokens.ISSUER, TestAccessTokens.AUDIENCE).realm("orders")
                .scopeRules(ScopeRules.parse("GET /api/orders/*=" + READ + "; POST /api/orders/*=" + WRITE))
                .trustedProxies(TrustedProxies.of(List.of(PROXY)));
    }

    private RecordingResponse run(TestRequests request) throws IOException, ServletException {
        return run(filter(config()), request.build());
    }

    private RecordingResponse run(BearerTokenFilter filter, HttpServletRequest request) throws IOException, ServletException {
        RecordingResponse response = new RecordingResponse();
        filter.doFilter(request, response.servletResponse(), chain);
        return response;
    }

    private void assertRefused(RecordingResponse response, int status, String challenge) throws IOException, ServletException {
        assertEquals(status, response.status());
        assertEquals(challenge, response.header("WWW-Authenticate"));
        assertEquals("no-store", response.header("Cache-Control"));
        verify(chain, never()).doFilter(any(), any());
    }

    private static String invalidToken(String description) {
        return REALM + ", error=\"invalid_token\", error_description=\"" + description + "\"";
    }

    private static String invalidRequest(String description) {
        return REALM + ", error=\"invalid_request\", error_description=\"" + description + "\"";
    }

    private HttpServletRequest passedOn() throws IOException, ServletException {
        ArgumentCaptor<ServletRequest> captor = ArgumentCaptor.forClass(ServletRequest.class);
        verify(chain).doFilter(captor.capture(), any(ServletResponse.class));
        return (HttpServletRequest) captor.getValue();
    }

    @Test
    void doFilterWhenNoTokenThen401ChallengeWithoutErrorCode() throws Exception {
        RecordingResponse response = run(new TestRequests());

        assertRefused(response, 401, REALM);
        assertEquals("", response.body());
    }

    @Test
    void doFilterWhenOtherSchemeThen401ChallengeWithoutErrorCode() throws Exception {
        assertRefused(run(new TestRequests().header("Authorization", "Basic b3JkZXJzOnNlY3JldA==")), 401, REALM);
    }

    @Test
    void doFilterWhenTwoAuthorizationHeadersThen400InvalidRequest() throws Exception {
        String token = tokens.issue(READ);

        RecordingResponse response = run(TestRequests.bearer(token).header("Authorization", "Bearer " + token));

        assertRefused(response, 400,
                invalidRequest("the request carries more than one Authorization header; send exactly one"));
    }

    @Test
    void doFilterWhenBearerCredentialsAreNotToken68Then400InvalidRequest() throws Exception {
        assertRefused(run(new TestRequests().header("Authorization", "Bearer abc def")), 400, invalidRequest(
                "the access token is not a token68 value (RFC 6750 section 2.1): letters, digits and -._~+/ followed by optional ="));
    }

    @Test
    void doFilterWhenBearerWithoutTokenThen400InvalidRequest() throws Exception {
        assertRefused(run(new TestRequests().header("Authorization", "Bearer")), 400,
                invalidRequest("the Authorization header names the Bearer scheme but carries no token"));
    }

    @Test
    void doFilterWhenTokenIsNotAJwtThen401InvalidTokenWithJsonBody() throws Exception {
        RecordingResponse response = run(TestRequests.bearer("abc.def"));

        assertRefused(response, 401, invalidToken("the access token is not a signed JWT (JWS compact serialisation)"));
        assertEquals("application/json;charset=UTF-8", response.contentType());
        assertEquals("{\"error\":\"invalid_token\",\"error_description\":\"the access token is not a signed JWT"
                + " (JWS compact serialisation)\"}", response.body());
    }

    @Test
    void doFilterWhenSignatureBadThen401InvalidToken() throws Exception {
        String[] a = tokens.issue(READ).split("\\.");
        String[] b = tokens.issue(WRITE).split("\\.");

        assertRefused(run(TestRequests.bearer(a[0] + "." + b[1] + "." + a[2])), 401, invalidToken(
                "the signature of the access token does not verify with the issuer's key '" + tokens.key().keyId() + "'"));
    }

    @Test
    void doFilterWhenKeyUnknownThen401InvalidToken() throws Exception {
        TestAccessTokens stranger = TestAccessTokens.es256(clock);

        assertRefused(run(TestRequests.bearer(stranger.issue(READ))), 401,
                invalidToken("the issuer publishes no key with kid '" + stranger.key().keyId() + "'"));
    }

    @Test
    void doFilterWhenExpiredThen401InvalidToken() throws Exception {
        String token = tokens.issue(READ);
        Instant exp = clock.instant().plus(TestAccessTokens.LIFETIME);
        clock.set(exp.plusSeconds(61));

        assertRefused(run(TestRequests.bearer(token)), 401, invalidToken("the access token expired at " + exp));
    }

    @Test
    void doFilterWhenNotYetValidThen401InvalidToken() throws Exception {
        Instant nbf = clock.instant().plusSeconds(600);
        String token = tokens.custom(tokens.header().build(), tokens.claims(READ).notBeforeTime(Date.from(nbf)).build());

        assertRefused(run(TestRequests.bearer(token)), 401, invalidToken("the access token is not valid before " + nbf));
    }

    @Test
    void doFilterWhenWrongIssuerThen401InvalidToken() throws Exception {
        String token = tokens.issuer("https://evil.example").issue(new AccessTokenClaims("alice", "c", List.of(READ),
                List.of(TestAccessTokens.AUDIENCE), Optional.empty())).value();

        assertRefused(run(TestRequests.bearer(token)), 401, invalidToken(
                "the access token was issued by 'https://evil.example', not by " + TestAccessTokens.ISSUER));
    }

    @Test
    void doFilterWhenWrongAudienceThen401InvalidToken() throws Exception {
        String token = tokens.issue(new AccessTokenClaims("alice", "c", List.of(READ), List.of("https://other-api.test"),
                Optional.empty()));

        assertRefused(run(TestRequests.bearer(token)), 401, invalidToken(
                "the access token is meant for https://other-api.test, not for " + TestAccessTokens.AUDIENCE));
    }

    @Test
    void doFilterWhenAlgNoneThen401InvalidToken() throws Exception {
        String token = new PlainJWT(new PlainHeader.Builder().type(new JOSEObjectType("at+jwt")).build(),
                tokens.claims(READ).build()).serialize();

        assertRefused(run(TestRequests.bearer(token)), 401,
                invalidToken("the access token is unsecured (alg none), which is never accepted"));
    }

    @Test
    void doFilterWhenHs256SignedWithThePublicKeyThen401InvalidToken() throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(new JOSEObjectType("at+jwt"))
                .keyID(tokens.key().keyId()).build(), tokens.claims(READ).build());
        jwt.sign(new MACSigner(tokens.key().publicJwk().toECKey().toPublicKey().getEncoded()));

        assertRefused(run(TestRequests.bearer(jwt.serialize())), 401, invalidToken(
                "the access token is signed with HS256, which is not allowed; allowed: [ES256, RS256, PS256]"));
    }

    @Test
    void doFilterWhenTypIsNotAtJwtThen401InvalidToken() throws Exception {
        String token = tokens.custom(tokens.header().type(JOSEObjectType.JWT).build(), tokens.claims(READ).build());

        assertRefused(run(TestRequests.bearer(token)), 401, invalidToken(
                "the access token's typ header is 'JWT'; a JWT access token has typ at+jwt (RFC 9068 section 4)"));
    }

    @Test
    void doFilterWhenTokenBoundToAnotherCertificateThen401InvalidToken() throws Exception {
        String token = tokens.bound(otherClient.thumbprint(), READ);

        assertRefused(run(TestRequests.bearer(token).certificate(client.chainArray())), 401, invalidToken(
                "the access token is bound to another client certificate than the one presented ("
                        + client.presented().describe().replace('"', '\'') + ")"));
    }

    @Test
    void doFilterWhenBoundTokenWithoutAnyCertificateThen401InvalidToken() throws Exception {
        assertRefused(run(TestRequests.bearer(tokens.bound(client.thumbprint(), READ))), 401, invalidToken(
                "the access token is bound to a client certificate (RFC 8705 section 3); send it over mutual TLS with that"
                        + " certificate"));
    }

    @Test
    void doFilterWhenBoundTokenWithItsCertificateOverTlsThenPassedOn() throws Exception {
        run(TestRequests.bearer(tokens.bound(client.thumbprint(), READ)).certificate(client.chainArray()));

        assertEquals(TestAccessTokens.SUBJECT, passedOn().getUserPrincipal().getName());
    }

    @Test
    void doFilterWhenBoundTokenWithItsCertificateFromTrustedProxyThenPassedOn() throws Exception {
        run(TestRequests.bearer(tokens.bound(client.thumbprint(), READ)).remoteAddress(PROXY)
                .header("Client-Cert", ":" + java.util.Base64.getEncoder().encodeToString(
                        client.certificate().getEncoded()) + ":"));

        assertEquals(TestAccessTokens.SUBJECT, passedOn().getUserPrincipal().getName());
    }

    @Test
    void doFilterWhenClientCertHeaderFromUntrustedAddressThenIgnoredAndBoundTokenRefused() throws Exception {
        RecordingResponse response = run(TestRequests.bearer(tokens.bound(client.thumbprint(), READ))
                .header("Client-Cert", ":" + java.util.Base64.getEncoder().encodeToString(
                        client.certificate().getEncoded()) + ":"));

        assertEquals(401, response.status());
    }

    @Test
    void doFilterWhenScopeMissingThen403InsufficientScopeListingTheNeededScope() throws Exception {
        RecordingResponse response = run(TestRequests.bearer(tokens.issue(READ)).method("POST"));

        assertRefused(response, 403, REALM + ", error=\"insufficient_scope\", error_description=\"the access token lacks"
                + " the scope " + WRITE + " that POST on this resource needs\", scope=\"" + WRITE + "\"");
        assertTrue(response.body().startsWith("{\"error\":\"insufficient_scope\""), response.body());
    }

    @Test
    void doFilterWhenNoScopeRuleMatchesThenValidTokenIsEnough() throws Exception {
        run(TestRequests.bearer(tokens.issue()).path("/api/customers/7"));

        assertEquals(TestAccessTokens.SUBJECT, passedOn().getRemoteUser());
    }

    @Test
    void doFilterWhenQueryTokenAndNotAllowedThen400InvalidRequest() throws Exception {
        assertRefused(run(new TestRequests().query("page=2&access_token=" + tokens.issue(READ))), 400, invalidRequest(
                "access tokens in the URI query are refused, they end up in logs (RFC 6750 section 5.3); send the token in the"
                        + " Authorization header"));
    }

    @Test
    void doFilterWhenQueryTokenAndAllowedThenPassedOnWithCacheControlPrivate() throws Exception {
        RecordingResponse response = run(filter(config().allowQueryToken(true)),
                new TestRequests().query("page=2&access_token=" + tokens.issue(READ)).build());

        assertEquals(TestAccessTokens.SUBJECT, passedOn().getUserPrincipal().getName());
        assertEquals("private", response.header("Cache-Control"));
    }

    @Test
    void doFilterWhenTokenInHeaderAndQueryThen400InvalidRequest() throws Exception {
        String token = tokens.issue(READ);

        assertRefused(run(filter(config().allowQueryToken(true)), TestRequests.bearer(token).query("access_token=" + token)
                .build()), 400, invalidRequest("the request carries an access token both in the Authorization header"
                + " and in the query; use one method only (RFC 6750 section 2)"));
    }

    @Test
    void doFilterWhenSchemeInLowerCaseThenAccepted() throws Exception {
        run(new TestRequests().header("Authorization", "bearer  " + tokens.issue(READ)));

        assertEquals(TestAccessTokens.SUBJECT, passedOn().getUserPrincipal().getName());
    }

    @Test
    void doFilterWhenTokenAcceptedThenPrincipalRolesAuthTypeAndAttributesForTheChain() throws Exception {
        RecordingResponse response = run(TestRequests.bearer(tokens.issue(READ, WRITE)));

        HttpServletRequest request = passedOn();
        assertInstanceOf(TokenPrincipal.class, request.getUserPrincipal());
        assertEquals(TestAccessTokens.SUBJECT, request.getUserPrincipal().getName());
        assertEquals(TestAccessTokens.SUBJECT, request.getRemoteUser());
        assertTrue(request.isUserInRole(READ));
        assertTrue(request.isUserInRole(WRITE));
        assertTrue(request.isUserInRole("**"));
        assertFalse(request.isUserInRole(TestAccessTokens.AUDIENCE + "/admin"));
        assertEquals("Bearer", request.getAuthType());
        assertEquals(java.util.Set.of(READ, WRITE), request.getAttribute(BearerTokenFilter.SCOPES_ATTRIBUTE));
        assertEquals(TestAccessTokens.CLIENT_ID, request.getAttribute(BearerTokenFilter.CLIENT_ID_ATTRIBUTE));
        assertEquals(TestAccessTokens.SUBJECT, request.getAttribute(BearerTokenFilter.SUBJECT_ATTRIBUTE));
        Map<?, ?> claims = (Map<?, ?>) request.getAttribute(BearerTokenFilter.CLAIMS_ATTRIBUTE);
        assertEquals(TestAccessTokens.ISSUER, claims.get("iss"));
        assertSame(((AuthenticatedRequest) request).token(), request.getAttribute(BearerTokenFilter.TOKEN_ATTRIBUTE));
        assertEquals(200, response.status());
        assertNull(response.header("Cache-Control"));
        assertNull(response.header("WWW-Authenticate"));
    }

    @Test
    void doFilterWhenKeysCannotBeLoadedThen503WithRetryAfterAndNoChallenge() throws Exception {
        ResourceServerConfig c = config().build();
        JwkSetLoader down = () -> {
            throw new IOException("connection refused");
        };
        BearerTokenFilter f = new BearerTokenFilter(c, new AccessTokenValidator(c,
                new JwksKeySource(down, clock, c.jwksTtl(), c.jwksRefetchInterval(), Optional.empty()), clock));

        RecordingResponse response = run(f, TestRequests.bearer(tokens.issue(READ)).build());

        assertEquals(503, response.status());
        assertEquals("30", response.header("Retry-After"));
        assertNull(response.header("WWW-Authenticate"));
        assertTrue(response.body().startsWith("{\"error\":\"temporarily_unavailable\""), response.body());
    }

    @Test
    void doFilterWhenSomethingUnexpectedFailsThen500ServerErrorWithoutDetails() throws Exception {
        HttpServletRequest request = TestRequests.bearer(tokens.issue(READ)).build();
        when(request.getQueryString()).thenThrow(new IllegalStateException("container bug"));

        RecordingResponse response = run(filter(config()), request);

        assertEquals(500, response.status());
        assertEquals("{\"error\":\"server_error\",\"error_description\":\"the access token could not be checked because"
                + " of an error on the server\"}", response.body());
        verify(chain, never()).doFilter(any(), any());
    }

    @Test
    void initWhenDeclaredInWebXmlThenConfiguredFromInitParamsWithContextParamsAsFallback(@TempDir Path dir)
            throws Exception {
        Path jwks = Files.writeString(dir.resolve("jwks.json"), tokens.publicKeys().toString());
        Map<String, String> initParams = Map.of("audience", TestAccessTokens.AUDIENCE, "jwks-file", jwks.toString(),
                "realm", "orders");
        ServletContext context = mock(ServletContext.class);
        when(context.getInitParameter("issuer")).thenReturn(TestAccessTokens.ISSUER);
        FilterConfig filterConfig = mock(FilterConfig.class);
        when(filterConfig.getServletContext()).thenReturn(context);
        when(filterConfig.getInitParameter(anyString())).thenAnswer(i -> initParams.get(i.<String>getArgument(0)));
        BearerTokenFilter fromWebXml = new BearerTokenFilter();

        fromWebXml.init(filterConfig);
        RecordingResponse missing = run(fromWebXml, new TestRequests().build());
        run(fromWebXml, TestRequests.bearer(freshToken()).build());

        assertEquals(REALM, missing.header("WWW-Authenticate"));
        assertEquals(TestAccessTokens.SUBJECT, passedOn().getUserPrincipal().getName());
    }

    /** A token valid now on the system clock, which a filter made from init-params runs on. */
    private String freshToken() {
        return new TestAccessTokens(tokens.key(), java.time.Clock.systemUTC()).issue(READ);
    }

    @Test
    void doFilterWhenNotHttpThenPassedOnUntouched() throws Exception {
        ServletRequest request = mock(ServletRequest.class);
        ServletResponse response = mock(ServletResponse.class);

        filter(config()).doFilter(request, response, chain);

        verify(chain).doFilter(request, response);
    }

    @Test
    void doFilterWhenTheTokensRefreshFamilyWasRevokedThen401InvalidToken() throws Exception {
        ResourceServerConfig c = config().build();
        io.tokengate.revocation.InMemoryAccessTokenDenylist denylist = new io.tokengate.revocation.InMemoryAccessTokenDenylist(clock);
        BearerTokenFilter f = new BearerTokenFilter(c, new AccessTokenValidator(c, JwksKeySource.of(tokens.publicKeys(),
                clock), clock), denylist);
        String token = tokens.issue(new AccessTokenClaims(TestAccessTokens.SUBJECT, TestAccessTokens.CLIENT_ID,
                List.of(READ), List.of(TestAccessTokens.AUDIENCE), Optional.empty(), Optional.of("family-1")));
        run(f, TestRequests.bearer(token).build());
        verify(chain).doFilter(any(), any());

        new io.tokengate.revocation.RevokedAccessTokens(denylist).denyFamily("family-1", clock.instant().plusSeconds(900));
        RecordingResponse response = run(f, TestRequests.bearer(token).build());

        assertEquals(401, response.status());
        assertEquals(invalidToken("the access token has been revoked"), response.header("WWW-Authenticate"));
    }
}
