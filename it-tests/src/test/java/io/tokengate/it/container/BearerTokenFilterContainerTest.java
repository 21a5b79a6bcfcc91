package io.tokengate.it.container;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.tokengate.cert.Certificates;
import io.tokengate.cert.Thumbprints;
import io.tokengate.it.support.CertificateBuilder;
import io.tokengate.it.support.Credential;
import io.tokengate.it.support.HttpAnswer;
import io.tokengate.it.support.Https;
import io.tokengate.it.support.TlsClients;
import io.tokengate.token.AccessTokenClaims;
import io.tokengate.token.AccessTokenIssuer;
import io.tokengate.token.IssuedToken;
import io.tokengate.token.SigningKey;
import io.tokengate.token.SigningKeys;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * One suite of wire-level checks of the {@link io.tokengate.resource.BearerTokenFilter} as a
 * container runs it from {@code web.xml} ({@link BearerWebApp}), over real TLS with
 * {@link java.net.http.HttpClient}; each concrete subclass starts one container. Every refusal is
 * checked by status and the exact {@code WWW-Authenticate} challenge (RFC 6750 §3), with the
 * description as the header may carry it ("§" becomes "section "). Tokens are minted by the real
 * {@link AccessTokenIssuer} (ES256); the bad ones are crafted with Nimbus.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class BearerTokenFilterContainerTest {
    static final String PASSWORD = "changeit";
    static final String ALIAS = "server";
    private static final String SUBJECT = "alice";
    private static final String CLIENT_ID = "orders-app";
    private static final String ORDERS = "/api/orders/42";

    @TempDir
    static Path work;

    private ServletContainer container;
    private SigningKey signingKey;
    private ECKey privateJwk;
    private AccessTokenIssuer issuer;
    private Credential boundCertificate;
    private Credential otherCertificate;
    private HttpClient anonymous;
    private HttpClient presentingBound;
    private HttpClient presentingOther;

    /** Starts the container under test serving {@code webapp} with the key entry {@link #ALIAS} of {@code keyStore}. */
    abstract ServletContainer start(Path webapp, KeyStore keyStore, Path work) throws Exception;

    @BeforeAll
    void startContainer() throws Exception {
        privateJwk = (ECKey) SigningKeys.generate(JWSAlgorithm.ES256);
        signingKey = new SigningKey(privateJwk, JWSAlgorithm.ES256, Optional.empty());
        issuer = issuerAt(BearerWebApp.ISSUER, Clock.systemUTC());

        Credential ca = CertificateBuilder.subject("CN=Container Test CA").certificateAuthority().build();
        Credential server = CertificateBuilder.subject("CN=localhost").serverName("localhost").issuer(ca).build();
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        keyStore.load(null, null);
        keyStore.setKeyEntry(ALIAS, server.privateKey(), PASSWORD.toCharArray(),
                new Certificate[] {server.certificate(), ca.certificate()});
        Path caFile = ca.writePem(work, "ca");

        boundCertificate = CertificateBuilder.subject("CN=bound-client").build();
        otherCertificate = CertificateBuilder.subject("CN=other-client").build();
        anonymous = TlsClients.httpClient(TlsClients.trusting(caFile));
        presentingBound = TlsClients.httpClient(TlsClients.presenting(caFile, boundCertificate));
        presentingOther = TlsClients.httpClient(TlsClients.presenting(caFile, otherCertificate));

        Path webapp = BearerWebApp.write(work.resolve("webapp"), new JWKSet(signingKey.publicJwk()));
        container = start(webapp, keyStore, work);
    }

    @AfterAll
    void stopContainer() throws Exception {
        if (container != null) {
            container.close();
        }
    }

    @Test
    void getWhenValidTokenThenServletSeesPrincipalAuthTypeRoleAndClientId() {
        HttpAnswer answer = get(anonymous, readToken().value());

        assertEquals(200, answer.status(), answer::toString);
        assertEquals(Map.of("principal", SUBJECT, "authType", "Bearer", "inRole", true, "clientId", CLIENT_ID),
                answer.json());
    }

    @Test
    void getWhenNoTokenThenBareChallenge() {
        HttpAnswer answer = Https.request(anonymous, "GET", url());

        assertEquals(401, answer.status(), answer::toString);
        assertEquals("Bearer realm=\"" + BearerWebApp.REALM + "\"", challenge(answer));
        assertEquals("", answer.body());
    }

    @Test
    void getWhenTokenMalformedThenInvalidToken() {
        assertInvalidToken(get(anonymous, "not-a-jwt"),
                "the access token is not a signed JWT (JWS compact serialisation)");
    }

    @Test
    void getWhenSignatureByAnotherKeyThenInvalidToken() throws Exception {
        ECKey impostor = new ECKey.Builder((ECKey) SigningKeys.generate(JWSAlgorithm.ES256)).keyID(signingKey.keyId())
                .build();
        String token = sign(impostor, claims().build());

        assertInvalidToken(get(anonymous, token), "the signature of the access token does not verify with the"
                + " issuer's key '" + signingKey.keyId() + "'");
    }

    @Test
    void getWhenKidNotInJwksThenInvalidToken() throws Exception {
        ECKey unknown = new ECKey.Builder((ECKey) SigningKeys.generate(JWSAlgorithm.ES256)).keyID("unknown-kid").build();

        assertInvalidToken(get(anonymous, sign(unknown, claims().build())),
                "the issuer publishes no key with kid 'unknown-kid'");
    }

    @Test
    void getWhenExpiredThenInvalidToken() {
        Instant longAgo = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(2));
        IssuedToken token = issuerAt(BearerWebApp.ISSUER, Clock.fixed(longAgo, ZoneOffset.UTC)).issue(readClaims());

        assertInvalidToken(get(anonymous, token.value()), "the access token expired at " + token.expiresAt());
    }

    @Test
    void getWhenNotYetValidThenInvalidToken() throws Exception {
        Instant notBefore = Instant.now().truncatedTo(ChronoUnit.SECONDS).plus(Duration.ofHours(1));
        String token = sign(privateJwk, claims().notBeforeTime(Date.from(notBefore)).build());

        assertInvalidToken(get(anonymous, token), "the access token is not valid before " + notBefore);
    }

    @Test
    void getWhenIssuedByAnotherIssuerThenInvalidToken() {
        IssuedToken token = issuerAt("https://other-issuer.example", Clock.systemUTC()).issue(readClaims());

        assertInvalidToken(get(anonymous, token.value()), "the access token was issued by"
                + " 'https://other-issuer.example', not by " + BearerWebApp.ISSUER);
    }

    @Test
    void getWhenMeantForAnotherAudienceThenInvalidToken() {
        IssuedToken token = issuer.issue(new AccessTokenClaims(SUBJECT, CLIENT_ID, List.of(BearerWebApp.READ_SCOPE),
                List.of("https://api.example/payments"), Optional.empty()));

        assertInvalidToken(get(anonymous, token.value()), "the access token is meant for https://api.example/payments,"
                + " not for " + BearerWebApp.AUDIENCE);
    }

    @Test
    void getWhenAlgNoneThenInvalidToken() {
        String token = new PlainJWT(new PlainHeader.Builder().type(AccessTokenIssuer.AT_JWT).build(), claims().build())
                .serialize();

        assertInvalidToken(get(anonymous, token), "the access token is unsecured (alg none), which is never accepted");
    }

    @Test
    void getWhenTokenBoundToAnotherCertificateThenInvalidToken() {
        HttpAnswer answer = get(presentingOther, boundToken().value());

        assertInvalidToken(answer, "the access token is bound to another client certificate than the one presented ("
                + Certificates.describe(otherCertificate.certificate()) + ")");
    }

    @Test
    void getWhenBoundTokenWithoutCertificateThenInvalidToken() {
        assertInvalidToken(get(anonymous, boundToken().value()), "the access token is bound to a client certificate"
                + " (RFC 8705 section 3); send it over mutual TLS with that certificate");
    }

    @Test
    void getWhenBoundTokenWithItsCertificateThenServletSeesPrincipal() {
        HttpAnswer answer = get(presentingBound, boundToken().value());

        assertEquals(200, answer.status(), answer::toString);
        assertEquals(SUBJECT, answer.json().get("principal"));
        assertEquals(CLIENT_ID, answer.json().get("clientId"));
    }

    @Test
    void postWhenTokenHasOnlyReadScopeThenInsufficientScope() {
        HttpAnswer answer = Https.request(anonymous, "POST", url(), "Authorization", "Bearer " + readToken().value());

        assertEquals(403, answer.status(), answer::toString);
        assertEquals("Bearer realm=\"" + BearerWebApp.REALM + "\", error=\"insufficient_scope\", error_description=\"the"
                + " access token lacks the scope " + BearerWebApp.WRITE_SCOPE + " that POST on this resource needs\","
                + " scope=\"" + BearerWebApp.WRITE_SCOPE + "\"", challenge(answer));
        assertEquals("insufficient_scope", answer.json().get("error"));
    }

    private String url() {
        return container.baseUrl() + ORDERS;
    }

    private HttpAnswer get(HttpClient client, String token) {
        return Https.request(client, "GET", url(), "Authorization", "Bearer " + token);
    }

    private static String challenge(HttpAnswer answer) {
        List<String> challenges = answer.headers().getOrDefault("WWW-Authenticate", List.of());
        assertEquals(1, challenges.size(), () -> "one WWW-Authenticate header: " + answer);
        return challenges.get(0);
    }

    private static void assertInvalidToken(HttpAnswer answer, String description) {
        assertEquals(401, answer.status(), answer::toString);
        assertEquals("Bearer realm=\"" + BearerWebApp.REALM + "\", error=\"invalid_token\", error_description=\""
                + description + "\"", challenge(answer));
        assertEquals("no-store", answer.header("Cache-Control").orElse(null), answer::toString);
        assertEquals("invalid_token", answer.json().get("error"));
    }

    private AccessTokenIssuer issuerAt(String issuerId, Clock clock) {
        return new AccessTokenIssuer(issuerId, Duration.ofMinutes(5), SigningKeys.fixed(signingKey), clock,
                new SecureRandom());
    }

    private static AccessTokenClaims readClaims() {
        return new AccessTokenClaims(SUBJECT, CLIENT_ID, List.of(BearerWebApp.READ_SCOPE),
                List.of(BearerWebApp.AUDIENCE), Optional.empty());
    }

    private IssuedToken readToken() {
        return issuer.issue(readClaims());
    }

    private IssuedToken boundToken() {
        return issuer.issue(new AccessTokenClaims(SUBJECT, CLIENT_ID, List.of(BearerWebApp.READ_SCOPE),
                List.of(BearerWebApp.AUDIENCE), Optional.of(Thumbprints.x5tS256(boundCertificate.certificate()))));
    }

    /** The claims of a good read token, as the issuer would write them, for tokens crafted by hand. */
    private static JWTClaimsSet.Builder claims() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return new JWTClaimsSet.Builder().issuer(BearerWebApp.ISSUER).subject(SUBJECT).audience(BearerWebApp.AUDIENCE)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
                .jwtID("crafted-" + now.toEpochMilli()).claim("client_id", CLIENT_ID)
                .claim("scope", BearerWebApp.READ_SCOPE);
    }

    private static String sign(JWK key, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).type(AccessTokenIssuer.AT_JWT)
                .keyID(key.getKeyID()).build(), claims);
        jwt.sign(new ECDSASigner((ECKey) key));
        return jwt.serialize();
    }
}
