package io.tokengate.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.tokengate.testing.TestSigningKeys;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AccessTokenIssuerTest {
    private static final String ISSUER = "https://as.example.test";
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final Duration LIFETIME = Duration.ofMinutes(15);
    private static final AccessTokenClaims CLAIMS = new AccessTokenClaims("orders-service", "orders-service",
            List.of("https://api.example.test/orders.read"), List.of("https://api.example.test/"), Optional.empty());

    private final SigningKeySource keys = TestSigningKeys.es256();

    @Test
    void issueWhenFixedClockThenExpiryIsIssueTimePlusLifetime() throws ParseException {
        IssuedToken token = issuer(CLOCK).issue(CLAIMS);

        JWTClaimsSet claims = SignedJWT.parse(token.value()).getJWTClaimsSet();
        assertEquals(Date.from(NOW), claims.getIssueTime());
        assertEquals(Date.from(NOW.plus(LIFETIME)), claims.getExpirationTime());
        assertEquals(NOW.plus(LIFETIME), token.expiresAt());
        assertEquals(900, token.expiresIn());
    }

    @Test
    void issueWhenClockAdvancedThenTimesFollowTheClock() throws ParseException {
        Clock later = Clock.offset(CLOCK, Duration.ofHours(2));

        JWTClaimsSet claims = SignedJWT.parse(issuer(later).issue(CLAIMS).value()).getJWTClaimsSet();

        assertEquals(Date.from(NOW.plus(Duration.ofHours(2))), claims.getIssueTime());
        assertEquals(Date.from(NOW.plus(Duration.ofHours(2)).plus(LIFETIME)), claims.getExpirationTime());
    }

    @Test
    void issueWhenClaimsGivenThenRfc9068ClaimsSet() throws ParseException {
        IssuedToken token = issuer(CLOCK).issue(CLAIMS);

        SignedJWT jwt = TestSigningKeys.verified(token.value(), keys);
        assertEquals("at+jwt", jwt.getHeader().getType().getType());
        assertEquals(keys.current().keyId(), jwt.getHeader().getKeyID());
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertEquals(ISSUER, claims.getIssuer());
        assertEquals("orders-service", claims.getSubject());
        assertEquals("orders-service", claims.getStringClaim("client_id"));
        assertEquals(List.of("https://api.example.test/"), claims.getAudience());
        assertEquals("https://api.example.test/orders.read", claims.getStringClaim("scope"));
        assertEquals(token.jti(), claims.getJWTID());
        assertNull(claims.getClaim("cnf"));
        assertNull(claims.getClaim(AccessTokenClaims.FAMILY_CLAIM));
    }

    @Test
    void issueWhenMintedFromARefreshFamilyThenThePrivateFamilyClaimNamesIt() throws ParseException {
        AccessTokenClaims fromFamily = new AccessTokenClaims("c", "c", List.of("s"), List.of("https://api.example.test/"),
                Optional.empty(), Optional.of("family-7"));

        JWTClaimsSet claims = SignedJWT.parse(issuer(CLOCK).issue(fromFamily).value()).getJWTClaimsSet();

        assertEquals("family-7", claims.getStringClaim(AccessTokenClaims.FAMILY_CLAIM));
    }

    @Test
    void issueWhenThumbprintGivenThenCnfClaimCarriesIt() throws ParseException {
        AccessTokenClaims bound = new AccessTokenClaims("c", "c", List.of("s"), List.of("https://api.example.test/"),
                Optional.of("bwcK0esc3ACC3DB2Y5_lESsXE8o9ltc05O89jdN-dg2"));

        JWTClaimsSet claims = SignedJWT.parse(issuer(CLOCK).issue(bound).value()).getJWTClaimsSet();

        assertEquals(Map.of("x5t#S256", "bwcK0esc3ACC3DB2Y5_lESsXE8o9ltc05O89jdN-dg2"), claims.getJSONObjectClaim("cnf"));
    }

    @Test
    void issueWhenNoScopesThenNoScopeClaim() throws ParseException {
        AccessTokenClaims noScopes = new AccessTokenClaims("c", "c", List.of(), List.of("https://api.example.test/"),
                Optional.empty());

        assertNull(SignedJWT.parse(issuer(CLOCK).issue(noScopes).value()).getJWTClaimsSet().getClaim("scope"));
    }

    @Test
    void issueWhenSeveralScopesThenSpaceSeparatedInOrder() throws ParseException {
        AccessTokenClaims two = new AccessTokenClaims("c", "c", List.of("b", "a"), List.of("https://api.example.test/"),
                Optional.empty());

        assertEquals("b a", SignedJWT.parse(issuer(CLOCK).issue(two).value()).getJWTClaimsSet().getStringClaim("scope"));
    }

    @Test
    void issueWhenCalledTwiceThenDistinctJti() {
        AccessTokenIssuer issuer = issuer(CLOCK);

        assertNotEquals(issuer.issue(CLAIMS).jti(), issuer.issue(CLAIMS).jti());
    }

    @ParameterizedTest
    @ValueSource(strings = {"RS256", "PS256", "ES256"})
    void issueWhenKeyOfAlgorithmThenSignedAndVerifiable(String algorithm) {
        JWSAlgorithm alg = JWSAlgorithm.parse(algorithm);
        SigningKeySource source = SigningKeys.fixed(TestSigningKeys.generate(alg));
        AccessTokenIssuer issuer = new AccessTokenIssuer(ISSUER, LIFETIME, source, CLOCK, new SecureRandom());

        SignedJWT jwt = TestSigningKeys.verified(issuer.issue(CLAIMS).value(), source);

        assertEquals(alg, jwt.getHeader().getAlgorithm());
    }

    @Test
    void toStringWhenIssuedThenTokenHidden() {
        IssuedToken token = issuer(CLOCK).issue(CLAIMS);

        assertFalse(token.toString().contains(token.value()));
        assertTrue(token.toString().contains(token.jti()));
    }

    @Test
    void constructorWhenLifetimeZeroThenRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new AccessTokenIssuer(ISSUER, Duration.ZERO, keys, CLOCK, new SecureRandom()));
    }

    @Test
    void constructorWhenLifetimeNegativeThenRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new AccessTokenIssuer(ISSUER, Duration.ofSeconds(-1), keys, CLOCK, new SecureRandom()));
    }

    private AccessTokenIssuer issuer(Clock clock) {
        return new AccessTokenIssuer(ISSUER, LIFETIME, keys, clock, new SecureRandom());
    }
}
