package io.tokengate.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.tokengate.testing.MutableClock;
import io.tokengate.testing.TestAccessTokens;
import io.tokengate.token.AccessTokenClaims;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AccessTokenValidatorTest {
    private static final String READ = TestAccessTokens.ORDERS_READ;
    private static final String WRITE = TestAccessTokens.ORDERS_WRITE;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final TestAccessTokens tokens = TestAccessTokens.es256(clock);
    private final AccessTokenValidator validator = validator(config().build(), tokens);

    private static ResourceServerConfig.Builder config() {
        return ResourceServerConfig.builder(TestAccessTokens.ISSUER, TestAccessTokens.AUDIENCE);
    }

    private AccessTokenValidator validator(ResourceServerConfig config, TestAccessTokens signer) {
        return new AccessTokenValidator(config, JwksKeySource.of(signer.publicKeys(), clock), clock);
    }

    @Test
    void validateWhenIssuedByAccessTokenIssuerThenEveryClaimMapped() {
        String token = tokens.issue(READ, WRITE);

        ValidatedToken v = validator.validate(token);

        assertEquals(TestAccessTokens.ISSUER, v.issuer());
        assertEquals(TestAccessTokens.SUBJECT, v.subject());
        assertEquals(TestAccessTokens.CLIENT_ID, v.clientId());
        assertEquals(List.of(READ, WRITE), List.copyOf(v.scopes()));
        assertEquals(List.of(TestAccessTokens.AUDIENCE), v.audiences());
        assertEquals(clock.instant().plus(TestAccessTokens.LIFETIME), v.expiresAt());
        assertEquals(Optional.empty(), v.certificateThumbprint());
        assertEquals(v.jti(), v.claims().get("jti"));
        assertEquals(clock.instant().getEpochSecond(), v.claims().get("iat"));
    }

    @Test
    void validateWhenCertificateBoundThenThumbprintFromCnf() {
        ValidatedToken v = validator.validate(tokens.bound("bwcK0esc3ACC3DB2Y5_lESsXE8o9ltc05O89jdN-dg2", READ));

        assertEquals(Optional.of("bwcK0esc3ACC3DB2Y5_lESsXE8o9ltc05O89jdN-dg2"), v.certificateThumbprint());
        assertThrows(UnsupportedOperationException.class, () -> ((Map<?, ?>) v.claims().get("cnf")).clear());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ES256", "RS256", "PS256"})
    void validateWhenSignedWithDefaultAlgorithmThenAccepted(String algorithm) {
        TestAccessTokens signer = TestAccessTokens.of(JWSAlgorithm.parse(algorithm), clock);

        assertEquals(TestAccessTokens.SUBJECT, validator(config().build(), signer).validate(signer.issue(READ)).subject());
    }

    @Test
    void validateWhenEcKeyOnBouncyCastleThenAcceptedAndASwappedPayloadStillRefused() {
        AccessTokenValidator onBouncyCastle = new AccessTokenValidator(config().build(), JwksKeySource.of(
                tokens.publicKeys(), clock, Optional.of(new org.bouncycastle.jce.provider.BouncyCastleProvider())), clock);
        String[] a = tokens.issue(READ).split("\\.");
        String[] b = tokens.issue(READ, WRITE).split("\\.");

        assertEquals(TestAccessTokens.SUBJECT, onBouncyCastle.validate(tokens.issue(READ)).subject());
        BearerTokenException e = assertThrows(BearerTokenException.class,
                () -> onBouncyCastle.validate(a[0] + "." + b[1] + "." + a[2]));
        assertEquals("the signature of the access token does not verify with the issuer's key '"
                + tokens.key().keyId() + "'", e.description());
    }

    @Test
    void validateWhenNotAJwtThenInvalidToken() {
        assertInvalidToken("the access token is not a signed JWT (JWS compact serialisation)", "abc.def");
    }

    @Test
    void validateWhenNotToken68ThenInvalidRequest() {
        BearerTokenException e = assertThrows(BearerTokenException.class, () -> validator.validate("abc def"));

        assertEquals(BearerError.INVALID_REQUEST, e.error());
    }

    @Test
    void validateWhenPayloadSwappedThenSignatureDoesNotVerify() {
        String[] a = tokens.issue(READ).split("\\.");
        String[] b = tokens.issue(READ, WRITE).split("\\.");

        assertInvalidToken("the signature of the access token does not verify with the issuer's key '"
                + tokens.key().keyId() + "'", a[0] + "." + b[1] + "." + a[2]);
    }

    @Test
    void validateWhenSignedByKeyTheIssuerDoesNotPublishThenInvalidToken() {
        TestAccessTokens stranger = TestAccessTokens.es256(clock);

        assertInvalidToken("the issuer publishes no key with kid '" + stranger.key().keyId() + "'", stranger.issue(READ));
    }

    @Test
    void validateWhenExpiredBeyondSkewThenInvalidToken() {
        String token = tokens.issue(READ);
        Instant exp = clock.instant().plus(TestAccessTokens.LIFETIME);
        clock.set(exp.plusSeconds(61));

        assertInvalidToken("the access token expired at " + exp, token);
    }

    @Test
    void validateWhenExpiredWithinSkewThenAccepted() {
        AccessTokenValidator uncached = validator(config().cacheMaxSize(0).build(), tokens);
        String token = tokens.issue(READ);
        clock.advance(TestAccessTokens.LIFETIME.plusSeconds(60));

        assertEquals(TestAccessTokens.SUBJECT, uncached.validate(token).subject());
    }

    @Test
    void validateWhenNotBeforeIsBeyondSkewThenInvalidToken() {
        Instant nbf = clock.instant().plusSeconds(120);
        String token = tokens.custom(tokens.header().build(), tokens.claims(READ).notBeforeTime(Date.from(nbf)).build());

        assertInvalidToken("the access token is not valid before " + nbf, token);
    }

    @Test
    void validateWhenIssuedInTheFutureThenInvalidToken() {
        Instant iat = clock.instant().plusSeconds(300);
        String token = tokens.custom(tokens.header().build(), tokens.claims(READ).issueTime(Date.from(iat)).build());

        assertInvalidToken("the access token was issued in the future (" + iat + "); check the clocks", token);
    }

    @Test
    void validateWhenIssuedByAnotherIssuerThenInvalidToken() {
        String token = tokens.issuer("https://evil.example").issue(new AccessTokenClaims("alice", "c", List.of(READ),
                List.of(TestAccessTokens.AUDIENCE), Optional.empty())).value();

        assertInvalidToken("the access token was issued by 'https://evil.example', not by " + TestAccessTokens.ISSUER, token);
    }

    @Test
    void validateWhenMeantForAnotherAudienceThenInvalidToken() {
        String token = tokens.issue(new AccessTokenClaims("alice", "c", List.of(READ), List.of("https://other-api.test"),
                Optional.empty()));

        assertInvalidToken("the access token is meant for https://other-api.test, not for " + TestAccessTokens.AUDIENCE,
                token);
    }

    @Test
    void validateWhenOneOfSeveralAudiencesThenAccepted() {
        String token = tokens.issue(new AccessTokenClaims("alice", "c", List.of(READ),
                List.of("https://other-api.test", TestAccessTokens.AUDIENCE), Optional.empty()));

        assertEquals(2, validator.validate(token).audiences().size());
    }

    @Test
    void validateWhenAlgNoneThenInvalidToken() {
        String token = new PlainJWT(new PlainHeader.Builder().type(new JOSEObjectType("at+jwt")).build(),
                tokens.claims(READ).build()).serialize();

        assertInvalidToken("the access token is unsecured (alg none), which is never accepted", token);
    }

    @Test
    void validateWhenHs256SignedWithThePublicKeyThenInvalidToken() throws Exception {
        byte[] publicKey = tokens.key().publicJwk().toECKey().toPublicKey().getEncoded();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(new JOSEObjectType("at+jwt"))
                .keyID(tokens.key().keyId()).build(), tokens.claims(READ).build());
        jwt.sign(new MACSigner(publicKey));

        assertInvalidToken("the access token is signed with HS256, which is not allowed; allowed: [ES256, RS256, PS256]",
                jwt.serialize());
    }

    @Test
    void validateWhenAlgorithmNotInAllowedListThenInvalidToken() {
        AccessTokenValidator rsaOnly = validator(config().allowedAlgorithms(Set.of(JWSAlgorithm.RS256)).build(), tokens);

        BearerTokenException e = assertThrows(BearerTokenException.class, () -> rsaOnly.validate(tokens.issue(READ)));
        assertEquals("the access token is signed with ES256, which is not allowed; allowed: [RS256]", e.description());
    }

    @Test
    void validateWhenTypIsJwtThenInvalidToken() {
        String token = tokens.custom(tokens.header().type(JOSEObjectType.JWT).build(), tokens.claims(READ).build());

        assertInvalidToken("the access token's typ header is 'JWT'; a JWT access token has typ at+jwt (RFC 9068 §4)", token);
    }

    @Test
    void validateWhenTypMissingThenInvalidToken() {
        String token = tokens.custom(tokens.header().type(null).build(), tokens.claims(READ).build());

        assertInvalidToken("the access token's typ header is missing; a JWT access token has typ at+jwt (RFC 9068 §4)",
                token);
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/at+jwt", "AT+JWT"})
    void validateWhenTypIsFullMediaTypeOrUpperCaseThenAccepted(String typ) {
        String token = tokens.custom(tokens.header().type(new JOSEObjectType(typ)).build(), tokens.claims(READ).build());

        assertEquals(TestAccessTokens.SUBJECT, validator.validate(token).subject());
    }

    @Test
    void validateWhenClientIdMissingThenInvalidToken() {
        String token = tokens.custom(tokens.header().build(), tokens.claims(READ).claim("client_id", null).build());

        assertInvalidToken("the access token has no client_id claim (RFC 9068 §2.2)", token);
    }

    @Test
    void validateWhenBoundByDpopKeyThenInvalidTokenBecauseItCannotBeChecked() {
        String token = tokens.custom(tokens.header().build(),
                tokens.claims(READ).claim("cnf", Map.of("jkt", "0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I")).build());

        assertInvalidToken("the access token is bound by a confirmation method this resource server cannot check (jkt);"
                + " only x5t#S256 (RFC 8705) is supported", token);
    }

    @Test
    void validateWhenLongerThanLimitThenInvalidTokenWithoutParsing() {
        assertInvalidToken("the access token is longer than 16384 characters", "a".repeat(16 * 1024 + 1));
    }

    @Test
    void validateWhenSameTokenTwiceThenSecondIsACacheHit() {
        String token = tokens.issue(READ);

        ValidatedToken first = validator.validate(token);
        ValidatedToken second = validator.validate(token);

        assertSame(first, second);
        CacheStatistics stats = validator.cacheStatistics();
        assertEquals(1, stats.hits());
        assertEquals(1, stats.misses());
        assertEquals(1, stats.size());
    }

    @Test
    void validateWhenCachedTokenExpiresThenNotServedFromCache() {
        String token = tokens.issue(READ);
        validator.validate(token);
        clock.advance(TestAccessTokens.LIFETIME.plusSeconds(61));

        BearerTokenException e = assertThrows(BearerTokenException.class, () -> validator.validate(token));

        assertEquals(BearerError.INVALID_TOKEN, e.error());
        assertEquals(0, validator.cacheStatistics().hits());
        assertEquals(2, validator.cacheStatistics().misses());
    }

    @Test
    void validateWhenCachedTokenExpiresWithinSkewThenRevalidatedAndNotCachedAgain() {
        String token = tokens.issue(READ);
        validator.validate(token);
        clock.advance(TestAccessTokens.LIFETIME.plusSeconds(1));

        validator.validate(token);
        validator.validate(token);

        assertEquals(0, validator.cacheStatistics().hits());
        assertEquals(3, validator.cacheStatistics().misses());
    }

    @Test
    void validateWhenMoreTokensThanMaxSizeThenSizeBoundHonoured() {
        AccessTokenValidator small = validator(config().cacheMaxSize(10).build(), tokens);
        for (int i = 0; i < 50; i++) {
            small.validate(tokens.issue(READ));
        }

        small.cache().cleanUp();

        assertTrue(small.cacheStatistics().size() <= 10, () -> "size " + small.cacheStatistics().size());
        assertTrue(small.cacheStatistics().evictions() >= 40, () -> "evictions " + small.cacheStatistics().evictions());
    }

    @Test
    void validateWhenTokenRefusedThenRefusalIsNotCached() {
        AccessTokenValidator otherAudience = validator(ResourceServerConfig.builder(TestAccessTokens.ISSUER,
                "https://other-api.test").build(), tokens);
        String token = tokens.issue(READ);

        assertThrows(BearerTokenException.class, () -> otherAudience.validate(token));
        assertThrows(BearerTokenException.class, () -> otherAudience.validate(token));

        assertEquals(0, otherAudience.cacheStatistics().size());
        assertEquals(2, otherAudience.cacheStatistics().misses());
    }

    @Test
    void validateWhenCacheSizeZeroThenNothingCached() {
        AccessTokenValidator uncached = validator(config().cacheMaxSize(0).build(), tokens);
        String token = tokens.issue(READ);

        uncached.validate(token);
        uncached.validate(token);

        assertEquals(new CacheStatistics(0, 0, 0, 0), uncached.cacheStatistics());
    }

    private void assertInvalidToken(String description, String token) {
        BearerTokenException e = assertThrows(BearerTokenException.class, () -> validator.validate(token));
        assertEquals(BearerError.INVALID_TOKEN, e.error());
        assertEquals(description, e.description());
    }
}
