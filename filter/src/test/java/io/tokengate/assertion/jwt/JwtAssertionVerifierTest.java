package io.tokengate.assertion.jwt;

import static io.tokengate.testing.OAuth2Assertions.assertDescriptionContains;
import static io.tokengate.testing.OAuth2Assertions.assertOAuth2Error;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.SignedJWT;
import io.tokengate.assertion.VerifiedAssertion;
import io.tokengate.error.ErrorCode;
import io.tokengate.error.OAuth2Exception;
import io.tokengate.registry.TrustedIssuer;
import io.tokengate.testing.IssuedCertificate;
import io.tokengate.testing.TestCertificates;
import io.tokengate.testing.TestJwts;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JwtAssertionVerifierTest {
    private static final Instant NOW = Instant.parse("2030-01-15T10:00:00Z");
    private static final String IDP = "https://idp.example.test";
    private static final String AS = "https://as.example.test";
    private static final String TOKEN_ENDPOINT = AS + "/oauth2/v1/token";
    private static final Duration MAX_LIFETIME = Duration.ofHours(1);
    private static final Duration SKEW = Duration.ofSeconds(60);
    private static final JwtAssertionRules RULES = new JwtAssertionRules(IDP, null, Set.of(AS, TOKEN_ENDPOINT),
            TrustedIssuer.DEFAULT_ALGORITHMS, MAX_LIFETIME, SKEW, "assertion");

    private static final RSAKey RSA = generateRsa("rsa-1");
    private static final ECKey EC = generateEc("ec-1");
    private static final ECKey OTHER_EC = generateEc("ec-2");
    private static final TestCertificates PKI = TestCertificates.at(NOW);
    private static final IssuedCertificate CERTIFICATE = PKI.certificate("CN=idp-signing, O=Example").build();

    private final JwtAssertionVerifier verifier = new JwtAssertionVerifier(Clock.fixed(NOW, ZoneOffset.UTC));
    private final List<JWK> issuerKeys = List.of(RSA.toPublicJWK(), EC.toPublicJWK(), OTHER_EC.toPublicJWK());

    @Test
    void verifyWhenRs256ThenVerifiedAssertion() {
        TestJwts.Builder assertion = valid();

        VerifiedAssertion verified = verify(assertion.sign(RSA));

        assertEquals(IDP, verified.issuer());
        assertEquals("alice", verified.subject());
        assertEquals(assertion.claims().getJWTID(), verified.id());
        assertEquals(NOW.plus(Duration.ofMinutes(5)), verified.expiresAt());
    }

    @Test
    void verifyWhenEs256ThenVerified() {
        assertEquals("alice", verify(valid().sign(EC)).subject());
    }

    @Test
    void verifyWhenPs256ThenVerified() {
        assertEquals("alice", verify(valid().algorithm(JWSAlgorithm.PS256).sign(RSA)).subject());
    }

    @Test
    void parseWhenAlgNoneThenInvalidGrantSayingNoneIsRefused() {
        String unsigned = valid().unsigned();

        OAuth2Exception e = assertOAuth2Error(ErrorCode.INVALID_GRANT,
                () -> JwtAssertionVerifier.parse(unsigned, "assertion", OAuth2Exception::invalidGrant));

        assertDescriptionContains(e, "the assertion is not a signed JWT");
        assertDescriptionContains(e, "alg none is refused");
    }

    @Test
    void parseWhenNotJwtThenErrorFromGivenFactory() {
        OAuth2Exception e = assertOAuth2Error(ErrorCode.INVALID_CLIENT,
                () -> JwtAssertionVerifier.parse("not-a-jwt", "client assertion", OAuth2Exception::invalidClient));

        assertDescriptionContains(e, "the client assertion is not a signed JWT");
    }

    @Test
    void verifyWhenHs256KeyedWithIssuerRsaPublicKeyThenRefusedAsNotAllowed() throws JOSEException {
        String forged = valid().signHmac(RSA.toRSAPublicKey().getEncoded());

        OAuth2Exception e = assertOAuth2Error(ErrorCode.INVALID_GRANT, () -> verify(forged));

        assertDescriptionContains(e, "signed with HS256, which is not allowed for " + IDP);
    }

    @Test
    void verifyWhenHs256KeyedWithRsaPublicKeyAndRulesWronglyAllowHmacThenSignatureStillRefused() throws JOSEException {
        JwtAssertionRules careless = new JwtAssertionRules(IDP, null, Set.of(AS), Set.of(JWSAlgorithm.HS256,
                JWSAlgorithm.RS256), MAX_LIFETIME, SKEW, "assertion");
        String forged = valid().signHmac(RSA.toRSAPublicKey().getEncoded());

        OAuth2Exception e = assertOAuth2Error(ErrorCode.INVALID_GRANT, () -> verifier.verify(parse(forged),
                issuerKeys, careless, OAuth2Exception::invalidGrant));

        assertDescriptionContains(e, "the signature of the assertion does not verify with the keys of " + IDP);
    }

    @Test
    void verifyWhenAlgorithmNotInAllowListThenRefusedNamingAllowed() {
        JwtAssertionRules es256Only = new JwtAssertionRules(IDP, null, Set.of(AS), Set.of(JWSAlgorithm.ES256),
                MAX_LIFETIME, SKEW, "assertion");
        String rs256 = valid().sign(RSA);

        OAuth2Exception e = assertOAuth2Error(ErrorCode.INVALID_GRANT,
                () -> verifier.verify(parse(rs256), issuerKeys, es256Only, OAuth2Exception::invalidGrant));

        assertDescriptionContains(e, "signed with RS256, which is not allowed for " + IDP + "; allowed: [ES256]");
    }

    @Test
    void verifyWhenRs512NotInDefaultAllowListThenRefused() {
        String rs512 = valid().algorithm(JWSAlgorithm.RS512).sign(RSA);

        OAuth2Exception e = assertOAuth2Error(ErrorCode.INVALID_GRANT, () -> verify(rs512));

        assertDescriptionContains(e, "signed with RS512, which is not allowed");
    }

    @Test
    void verifyWhenKidNamesSigningKeyAmongSeveralThenVerified() {
        assertEquals("alice", verify(valid().keyId("ec-1").sign(EC)).subject());
    }

    @Test
    void verifyWhenKidNamesAnotherKeyOfIssuerThenSignatureRefused() {
        // signed by ec-1, which is among the keys, but the header names ec-2: only ec-2 may be tried
        String misnamed = valid().keyId("ec-2").sign(EC);

        OAuth2Exception e = assertOAuth2Error(ErrorCode.INVALID_GRANT, () -> verify(misnamed));

        assertDescriptionContains(e, "the signature of the assertion does not verify with the keys of " + IDP);
    }

    @Test
    void verifyWhenNoKidThenEveryKeyTried() {
        assertEquals("alice", verify(valid().noKeyId().sign(EC)).subject());
    }

    @Test
    void verifyWhenKidUnknownThenRefusedNamingKid() {
        String unknown = valid().keyId("rotated-away").sign(EC);

        OAuth2Exception e = assertOAuth2Error(ErrorCode.INVALID_GRANT, () -> verify(unknown));

        assertDescriptionContains(e, "no key of " + IDP + " matches the assertion (kid rotated-away)");
    }

    @Test
    void verifyWhenX5tS256NamesCertificateOfX5cKeyThenVerified() {
        List<JWK> keys = List.of(OTHER_EC.toPublicJWK(), TestJwts.x5cOnlyKeyOf(CERTIFICATE.certificate()));
        String assertion = valid().x5tS256(TestJwts.thumbprint(CERTIFICATE.certificate(), "SHA-256"))
                .sign(TestJwts.signingKeyOf(CERTIFICATE));

        VerifiedAssertion verified = verifier.verify(parse(assertion), keys, RULES, OAuth2Exception::invalidGrant);

        assertEquals("alice", verified.subject());
    }

    @Test
    void verifyWhenKidUnknownButX5tS256MatchesThenVerifiedAsIdcsClientsSendIt() {
        List<JWK> keys = List.of(OTHER_EC.toPublicJWK(), TestJwts.x5cOnlyKeyOf(CERTIFICATE.certificate()));
        String assertion = valid().keyId("signing-alias")
                .x5tS256(TestJwts.thumbprint(CERTIFICATE.certificate(), "SHA-256"))
                .sign(TestJwts.signingKeyOf(CERTIFICATE));

        assertEquals("alice", verifier.verify(parse(assertion), keys, RULES, OAuth2Exception::invalidGrant).subject());
    }

    @Test
    void verifyWhenDeprecatedX5tNamesCertificateOfX5cKeyThenVerified() {
        List<JWK> keys = List.of(OTHER_EC.toPublicJWK(), TestJwts.x5cOnlyKeyOf(CERTIFICATE.certificate()));
        String assertion = valid().x5t(TestJwts.thumbprint(CERTIFICATE.certificate(), "SHA-1"))
                .sign(TestJwts.signingKeyOf(CERTIFICATE));

        assertEquals("alice", verifier.verify(parse(assertion), keys, RULES, OAuth2Exception::invalidGrant).subject());
    }

    @Test
    void verifyWhenX5tS256MatchesNoKeyThenRefused() {
        IssuedCertificate unregistered = PKI.certificate("CN=unregistered, O=Example").build();
        List<JWK> keys = List.of(TestJwts.x5cOnlyKeyOf(CERTIFICATE.certificate()));
        String assertion = valid().x5tS256(TestJwts.thumbprint(unregistered.certificate(), "SHA-256"))
                .sign(TestJwts.signingKeyOf(unregistered));

        OAuth2Exception e = assertOAuth2Error(ErrorCode.INVALID_GRANT,
                () -> verifier.verify(parse(assertion), keys, RULES, OAuth2Exception::invalidGrant));

        assertDescriptionContains(e, "no key of " + IDP + " matches the assertion");
    }

    @Test
    void verifyWhenPayloadTamperedThenSignatureRefused() {
        String[] parts = valid().sign(EC).split("\\.");
        String otherClaims = valid().subject("admin").claims().toString();
        String tampered = parts[0] + "." + Base64URL.encode(otherClaims.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];

        OAuth2Exception e = assertOAuth2Error(ErrorCode.INVALID_GRANT, () -> verify(tampered));

        assertDescriptionContains(e, "the signature of the assertion does not verify with the keys of " + IDP);
    }

    @Test
    void verifyWhenSignedByKeyNotOfIssuerThenRefused() {
        ECKey stranger = generateEc("ec-1");

        OAuth2Exception e = assertOAuth2Error(ErrorCode.INVALID_GRANT, () -> verify(valid().sign(stranger)));

        assertDescriptionContains(e, "does not verify with the keys of " + IDP);
    }

    @Test
    void verifyWhenIssuerWrongThenRefusedNamingExpectedIssuer() {
        String assertion = valid().issuer("https://other-idp.example.test").sign(EC);

        OAuth2Exception e = assertOAuth2Error(ErrorCode.INVALID_GRANT, () -> verify(assertion));

        assertDescriptionContains(e, "the assertion iss must be " + IDP);
    }

    @Test
    void verifyWhenSubjectMissingThenRefused() {
        OAuth2Exception e = assertOAuth2Error(ErrorCode.INVALID_GRANT, () -> verify(valid().subject(null).sign(EC)));

        assertDescriptionContains(e, "the assertion has no sub claim");
    }

    @Test
    void verifyWhenSubjectBlankThenRefused() {
        OAuth2Exception e = assertOAuth2Error(ErrorCode.INVALID_GRANT, () -> verify(valid().subject(" ").sign(EC)));

        assertDescriptionContains(e, "the assertion has no sub claim");
    }

    @Test
    void verifyWhenSubjectNotTheExpectedOneThenRefused() {
        JwtAssertionRules forClient = new JwtAssertionRules(IDP, "orders-service", Set.of(AS),
                TrustedIssuer.DEFAULT_ALGORITHMS, MAX_LIFETIME, SKEW, "client assertion");
        String assertion = valid().subject("billing-service").sign(EC);

        OAuth2Exception e = assertOAuth2Error(ErrorCode.INVALID_CLIENT,
                () -> verifier.verify(parse(assertion), issuerKeys, forClient, OAuth2Exception::invalidClient));

        assertDescriptionContains(e, "the client assertion sub must be orders-service");
    }

    @Test
    void verifyWhenAudienceWrongThenRefusedNamingAccepted() {
        String assertion = valid().audience("https://elsewhere.example.test/token").sign(EC);

        OAuth2Exception e = assertOAuth2Error(ErrorCode.INVALID_GRANT, () -> verify(assertion));

        assertDescriptionContains(e, "the assertion aud [https://elsewhere.example.test/token] does not name this"
                + " server; use one of [" + AS + ", " + TOKEN_ENDPOINT + "]");
    }

    @Test
    void verifyWhenAudienceMissingThenRefused() {
        OAuth2Exception e = assertOAuth2Error(ErrorCode.INVALID_GRANT, () -> verify(valid().audience().sign(EC)));

        assertDescriptionContains(e, "the assertion aud [] does not name this server");
    }

    @Test
    void verifyWhenAudienceIsTokenEndpointThenAccepted() {
        assertEquals("alice", verify(valid().audience(TOKEN_ENDPOINT).sign(EC)).subject());
    }

    @Test
    void verifyWhenAudienceIsIssuerThenAccepted() {
        assertEquals("alice", verify(valid().audience(AS).sign(EC)).subject());
    }

    @Test
    void verifyWhenOneOfSeveralAudiencesNamesServerThenAccepted() {
        assertEquals("alice", verify(valid().audience("https://elsewhere.example.test", AS).sign(EC)).subject());
    }

    @Test
    void verifyWhenExpMissingThenRefused() {
        OAuth2Exception e = assertOAuth2Error(ErrorCode.INVALID_GRANT, () -> verify(valid().expiresAt(null).sign(EC)));

        assertDescriptionContains(e, "the assertion has no exp claim");
    }

    @Test
    void verifyWhenExpiredBeyondSkewThenRefusedSayingWhen() {
        Instant expired = NOW.minus(SKEW).minusSeconds(1);

        OAuth2Exception e = assertOAuth2Error(ErrorCode.INVALID_GRANT,
                () -> verify(valid().issuedAt(NOW.minusSeconds(600)).expiresAt(expired).sign(EC)));

        assertDescriptionContains(e, "the assertion expired at " + expired);
    }

    @Test
    void verifyWhenExpiredExactlySkewAgoThenRefused() {
        assertOAuth2Error(ErrorCode.INVALID_GRANT,
                () -> verify(valid().issuedAt(NOW.minusSeconds(600)).expiresAt(NOW.minus(SKEW)).sign(EC)));
    }

    @Test
    void verifyWhenExpiredLessThanSkewAgoThenAccepted() {
        Instant expiredWithinSkew = NOW.minus(SKEW).plusSeconds(1);

        VerifiedAssertion verified = verify(valid().issuedAt(NOW.minusSeconds(600)).expiresAt(expiredWithinSkew).sign(EC));

        assertEquals(expiredWithinSkew, verified.expiresAt());
    }

    @Test
    void verifyWhenExpBeyondMaxLifetimePlusSkewThenRefused() {
        Instant tooFar = NOW.plus(MAX_LIFETIME).plus(SKEW).plusSeconds(1);

        OAuth2Exception e = assertOAuth2Error(ErrorCode.INVALID_GRANT, () -> verify(valid().expiresAt(tooFar).sign(EC)));

        assertDescriptionContains(e, "the assertion expires too far ahead (" + tooFar + "); at most 60 minutes");
    }

    @Test
    void verifyWhenExpAtMaxLifetimePlusSkewThenAccepted() {
        Instant limit = NOW.plus(MAX_LIFETIME).plus(SKEW);

        assertEquals(limit, verify(valid().expiresAt(limit).sign(EC)).expiresAt());
    }

    @Test
    void verifyWhenNotBeforeBeyondSkewThenRefusedSayingWhen() {
        Instant notBefore = NOW.plus(SKEW).plusSeconds(1);

        OAuth2Exception e = assertOAuth2Error(ErrorCode.INVALID_GRANT, () -> verify(valid().notBefore(notBefore).sign(EC)));

        assertDescriptionContains(e, "the assertion is not valid before " + notBefore);
    }

    @Test
    void verifyWhenNotBeforeWithinSkewThenAccepted() {
        assertEquals("alice", verify(valid().notBefore(NOW.plus(SKEW)).sign(EC)).subject());
    }

    @Test
    void verifyWhenIssuedAtBeyondSkewInFutureThenRefused() {
        Instant issuedAt = NOW.plus(SKEW).plusSeconds(1);

        OAuth2Exception e = assertOAuth2Error(ErrorCode.INVALID_GRANT, () -> verify(valid().issuedAt(issuedAt).sign(EC)));

        assertDescriptionContains(e, "the assertion iat " + issuedAt + " lies in the future");
    }

    @Test
    void verifyWhenIssuedAtWithinSkewInFutureThenAccepted() {
        assertEquals("alice", verify(valid().issuedAt(NOW.plus(SKEW)).sign(EC)).subject());
    }

    @Test
    void verifyWhenJtiMissingThenRefusedSayingWhyItIsNeeded() {
        OAuth2Exception e = assertOAuth2Error(ErrorCode.INVALID_GRANT, () -> verify(valid().jwtId(null).sign(EC)));

        assertDescriptionContains(e, "the assertion has no jti claim; it is needed to refuse replays");
    }

    @Test
    void verifyWhenErrorFactoryIsInvalidClientThenFailuresAreInvalidClient() {
        String expired = valid().expiresAt(NOW.minus(Duration.ofHours(1))).issuedAt(NOW.minus(Duration.ofHours(2))).sign(EC);

        assertOAuth2Error(ErrorCode.INVALID_CLIENT,
                () -> verifier.verify(parse(expired), issuerKeys, RULES, OAuth2Exception::invalidClient));
    }

    @Test
    void unverifiedIssuerWhenIssMissingThenInvalidGrant() {
        SignedJWT jwt = parse(valid().issuer(null).sign(EC));

        OAuth2Exception e = assertOAuth2Error(ErrorCode.INVALID_GRANT,
                () -> JwtAssertionVerifier.unverifiedIssuer(jwt, "assertion"));

        assertDescriptionContains(e, "the assertion has no iss claim");
    }

    private static TestJwts.Builder valid() {
        return TestJwts.assertion(IDP, "alice", TOKEN_ENDPOINT, NOW);
    }

    private VerifiedAssertion verify(String assertion) {
        return verifier.verify(parse(assertion), issuerKeys, RULES, OAuth2Exception::invalidGrant);
    }

    private static SignedJWT parse(String assertion) {
        return JwtAssertionVerifier.parse(assertion, "assertion", OAuth2Exception::invalidGrant);
    }

    private static RSAKey generateRsa(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ECKey generateEc(String kid) {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
