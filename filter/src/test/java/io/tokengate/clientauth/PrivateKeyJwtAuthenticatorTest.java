package io.tokengate.clientauth;

import static io.tokengate.testing.OAuth2Assertions.assertDescriptionContains;
import static io.tokengate.testing.OAuth2Assertions.assertOAuth2Error;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import io.tokengate.assertion.jwt.AssertionKeys;
import io.tokengate.assertion.jwt.JwksFetcher;
import io.tokengate.assertion.jwt.JwtAssertionVerifier;
import io.tokengate.error.ErrorCode;
import io.tokengate.error.OAuth2Exception;
import io.tokengate.http.TokenRequest;
import io.tokengate.registry.Client;
import io.tokengate.registry.ClientAuthMethod;
import io.tokengate.replay.InMemoryReplayCache;
import io.tokengate.testing.IssuedCertificate;
import io.tokengate.testing.TestCertificates;
import io.tokengate.testing.TestClients;
import io.tokengate.testing.TestJwts;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PrivateKeyJwtAuthenticatorTest {
    private static final String AS = "https://as.example.test";
    private static final String TOKEN_ENDPOINT = AS + "/oauth2/v1/token";
    private static final String TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    private static final Duration SKEW = Duration.ofSeconds(60);

    private final TestCertificates pki = TestCertificates.create();
    private final Instant now = pki.now();
    private final IssuedCertificate certificate = pki.clientIssuedByIntermediate("CN=orders-service, O=Example");
    private final ECKey clientKey = TestJwts.signingKeyOf(certificate);
    private final Client client = TestClients.privateKeyJwt("orders-service", certificate.certificate()).build();
    private final JwksFetcher fetcher = mock(JwksFetcher.class);
    private final InMemoryReplayCache replay = new InMemoryReplayCache(pki.clock(), SKEW);
    private final PrivateKeyJwtAuthenticator authenticator = new PrivateKeyJwtAuthenticator(
            new JwtAssertionVerifier(pki.clock()), new AssertionKeys(fetcher), replay, Set.of(AS, TOKEN_ENDPOINT),
            Duration.ofHours(1), SKEW);

    @Test
    void methodWhenAskedThenPrivateKeyJwt() {
        assertEquals(ClientAuthMethod.PRIVATE_KEY_JWT, authenticator.method());
    }

    @Test
    void isPresentInWhenClientAssertionOrItsTypeSentThenTrue() {
        assertTrue(authenticator.isPresentIn(request(Map.of("client_assertion", "x"))));
        assertTrue(authenticator.isPresentIn(request(Map.of("client_assertion_type", TYPE))));
        assertFalse(authenticator.isPresentIn(request(Map.of("client_id", "orders-service"))));
    }

    @Test
    void claimedClientIdWhenAssertionSentThenItsUnverifiedIssuer() {
        assertEquals(Optional.of("orders-service"), authenticator.claimedClientId(withAssertion(ownAssertion().sign(clientKey))));
    }

    @Test
    void claimedClientIdWhenNoAssertionThenEmpty() {
        assertEquals(Optional.empty(), authenticator.claimedClientId(request(Map.of("client_assertion_type", TYPE))));
    }

    @Test
    void claimedClientIdWhenAssertionNotJwtThenInvalidClient() {
        OAuth2Exception e = assertOAuth2Error(ErrorCode.INVALID_CLIENT,
                () -> authenticator.claimedClientId(withAssertion("not.a.jwt")));

        assertDescriptionContains(e, "the client assertion is not a signed JWT");
    }

    @Test
    void authenticateWhenSignedByKeyOfRegisteredCertificateThenPrivateKeyJwt() {
        AuthenticatedClient authenticated = authenticator.authenticate(withAssertion(ownAssertion().sign(clientKey)), client);

        assertEquals("orders-service", authenticated.clientId());
        assertEquals(ClientAuthMethod.PRIVATE_KEY_JWT, authenticated.method());
        assertEquals(Optional.empty(), authenticated.boundThumbprint());
        verifyNoInteractions(fetcher);
    }

    @Test
    void authenticateWhenAudienceIsIssuerThenAuthenticated() {
        String assertion = ownAssertion().audience(AS).sign(clientKey);

        assertEquals(ClientAuthMethod.PRIVATE_KEY_JWT, authenticator.authenticate(withAssertion(assertion), client).method());
    }

    @Test
    void authenticateWhenKidIsAliasAndX5tS256NamesCertificateThenAuthenticated() {
        String assertion = ownAssertion().keyId("orders-signing-key")
                .x5tS256(TestJwts.thumbprint(certificate.certificate(), "SHA-256")).sign(clientKey);

        assertEquals(ClientAuthMethod.PRIVATE_KEY_JWT, authenticator.authenticate(withAssertion(assertion), client).method());
    }

    @Test
    void authenticateWhenKeyRegisteredInJwksThenAuthenticated() {
        IssuedCertificate inJwks = pki.selfSigned("CN=orders-service-2, O=Example");
        Client withJwks = Client.builder("orders-service").authMethod(ClientAuthMethod.PRIVATE_KEY_JWT)
                .jwks(TestClients.jwksOf(inJwks.certificate())).build();

        AuthenticatedClient authenticated = authenticator.authenticate(
                withAssertion(ownAssertion().sign(TestJwts.signingKeyOf(inJwks))), withJwks);

        assertEquals(ClientAuthMethod.PRIVATE_KEY_JWT, authenticated.method());
    }

    @Test
    void authenticateWhenAssertionTypeWrongThenInvalidClientNamingTheRightOne() {
        Map<String, String> parameters = new HashMap<>();
        parameters.put("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:saml2-bearer");
        parameters.put("client_assertion", ownAssertion().sign(clientKey));

        OAuth2Exception e = assertOAuth2Error(ErrorCode.INVALID_CLIENT,
                () -> authenticator.authenticate(request(parameters), client));

        assertDescriptionContains(e, "client_assertion_type must be " + TYPE);
    }

    @Test
    void authenticateWhenAssertionTypeMissingThenInvalidClient() {
        OAuth2Exception e = assertOAuth2Error(ErrorCode.INVALID_CLIENT, () -> authenticator.authenticate(
                request(Map.of("client_assertion", ownAssertion().sign(clientKey))), client));

        assertDescriptionContains(e, "client_assertion_type must be " + TYPE);
    }

    @Test
    void authenticateWhenAssertionMissingThenInvalidRequest() {
        OAuth2Exception e = assertOAuth2Error(ErrorCode.INVALID_REQUEST,
                () -> authenticator.authenticate(request(Map.of("client_assertion_type", TYPE)), client));

        assertDescriptionContains(e, "the 'client_assertion' parameter is missing");
    }

    @Test
    void authenticateWhenAssertionNotJwtThenInvalidClient() {
        OAuth2Exception e = assertOAuth2Error(ErrorCode.INVALID_CLIENT,
                () -> authenticator.authenticate(withAssertion("eyJhbGciOiJub25lIn0.e30."), client));

        assertDescriptionContains(e, "the client assertion is not a signed JWT");
    }

    @Test
    void authenticateWhenSubjectIsAnotherClientThenInvalidClient() {
        String assertion = ownAssertion().subject("billing-service").sign(clientKey);

        OAuth2Exception e = assertOAuth2Error(ErrorCode.INVALID_CLIENT,
                () -> authenticator.authenticate(withAssertion(assertion), client));

        assertDescriptionContains(e, "the client assertion sub must be orders-service");
    }

    @Test
    void authenticateWhenIssuerIsAnotherClientThenInvalidClient() {
        String assertion = ownAssertion().issuer("billing-service").sign(clientKey);

        OAuth2Exception e = assertOAuth2Error(ErrorCode.INVALID_CLIENT,
                () -> authenticator.authenticate(withAssertion(assertion), client));

        assertDescriptionContains(e, "the client assertion iss must be orders-service");
    }

    @Test
    void authenticateWhenSignedByKeyOfAnotherCertificateThenInvalidClient() {
        IssuedCertificate other = pki.clientIssuedByIntermediate("CN=orders-service, O=Example");
        String assertion = ownAssertion().sign(TestJwts.signingKeyOf(other));

        OAuth2Exception e = assertOAuth2Error(ErrorCode.INVALID_CLIENT,
                () -> authenticator.authenticate(withAssertion(assertion), client));

        assertDescriptionContains(e, "the signature of the client assertion does not verify with the keys of orders-service");
    }

    @Test
    void authenticateWhenHmacSignedThenInvalidClient() {
        String assertion = ownAssertion().signHmac(TestClients.SECRET.getBytes(StandardCharsets.UTF_8));

        OAuth2Exception e = assertOAuth2Error(ErrorCode.INVALID_CLIENT,
                () -> authenticator.authenticate(withAssertion(assertion), client));

        assertDescriptionContains(e, "signed with HS256, which is not allowed");
    }

    @Test
    void authenticateWhenAlgorithmOutsideDefaultsThenInvalidClient() throws JOSEException {
        RSAKey rsa = new RSAKeyGenerator(2048).generate();
        Client withRsaJwks = Client.builder("orders-service").authMethod(ClientAuthMethod.PRIVATE_KEY_JWT)
                .jwks(new JWKSet(rsa.toPublicJWK())).build();
        String assertion = ownAssertion().algorithm(JWSAlgorithm.RS512).sign(rsa);

        OAuth2Exception e = assertOAuth2Error(ErrorCode.INVALID_CLIENT,
                () -> authenticator.authenticate(withAssertion(assertion), withRsaJwks));

        assertDescriptionContains(e, "signed with RS512, which is not allowed for orders-service");
    }

    @Test
    void authenticateWhenExpiredThenInvalidClient() {
        String assertion = ownAssertion().issuedAt(now.minus(Duration.ofMinutes(10)))
                .expiresAt(now.minus(Duration.ofMinutes(5))).sign(clientKey);

        OAuth2Exception e = assertOAuth2Error(ErrorCode.INVALID_CLIENT,
                () -> authenticator.authenticate(withAssertion(assertion), client));

        assertDescriptionContains(e, "the client assertion expired at");
    }

    @Test
    void authenticateWhenJtiReplayedThenInvalidClientAlreadyUsed() {
        TestJwts.Builder assertion = ownAssertion();
        authenticator.authenticate(withAssertion(assertion.sign(clientKey)), client);

        OAuth2Exception e = assertOAuth2Error(ErrorCode.INVALID_CLIENT,
                () -> authenticator.authenticate(withAssertion(assertion.sign(clientKey)), client));

        assertDescriptionContains(e, "the client assertion with jti " + assertion.claims().getJWTID()
                + " was already used; send a new assertion for every request");
    }

    @Test
    void authenticateWhenSameJtiFromAnotherClientThenNotAReplay() {
        IssuedCertificate otherCertificate = pki.clientIssuedByIntermediate("CN=billing-service, O=Example");
        Client other = TestClients.privateKeyJwt("billing-service", otherCertificate.certificate()).build();
        String jti = "shared-jti";
        authenticator.authenticate(withAssertion(ownAssertion().jwtId(jti).sign(clientKey)), client);

        AuthenticatedClient authenticated = authenticator.authenticate(withAssertion(
                TestJwts.assertion("billing-service", "billing-service", TOKEN_ENDPOINT, now).jwtId(jti)
                        .sign(TestJwts.signingKeyOf(otherCertificate))), other);

        assertEquals("billing-service", authenticated.clientId());
    }

    @Test
    void authenticateWhenRefusedThenJtiNotRecorded() {
        TestJwts.Builder assertion = ownAssertion();
        IssuedCertificate other = pki.clientIssuedByIntermediate("CN=attacker, O=Example");
        assertOAuth2Error(ErrorCode.INVALID_CLIENT, () -> authenticator.authenticate(
                withAssertion(assertion.sign(TestJwts.signingKeyOf(other))), client));

        assertEquals(0, replay.size());
        assertEquals("orders-service", authenticator.authenticate(withAssertion(assertion.sign(clientKey)), client).clientId());
    }

    private TestJwts.Builder ownAssertion() {
        return TestJwts.assertion("orders-service", "orders-service", TOKEN_ENDPOINT, now);
    }

    private static TokenRequest withAssertion(String assertion) {
        return request(Map.of("client_assertion_type", TYPE, "client_assertion", assertion));
    }

    private static TokenRequest request(Map<String, String> parameters) {
        Map<String, String> all = new HashMap<>(parameters);
        all.putIfAbsent("grant_type", "client_credentials");
        return new TokenRequest(all, Optional.empty(), Optional.empty(), "203.0.113.7");
    }
}
