package io.tokengate.assertion.jwt;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.tokengate.assertion.VerifiedAssertion;
import io.tokengate.error.OAuth2Exception;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * Verifies a JWT used as an authorization grant or for client authentication (RFC 7523 §3):
 * an allowed asymmetric algorithm (never {@code none}, never HMAC, so a public key can never be
 * used as an HMAC secret), a signature by one of the candidate keys chosen by {@code kid} or by
 * the {@code x5t#S256} / {@code x5t} certificate thumbprint, then iss, sub, aud, exp (required,
 * not too far ahead), nbf and iat with skew, and a {@code jti}. Single use is the caller's job,
 * after this returns, so forged input never reaches the replay cache. Thread-safe.
 */
public final class JwtAssertionVerifier {
    private final Clock clock;

    public JwtAssertionVerifier(Clock clock) {
        this.clock = clock;
    }

    /** Reads the unverified {@code iss}, to choose the keys; nothing read here is trusted. */
    public static String unverifiedIssuer(SignedJWT jwt, String purpose) {
        try {
            String issuer = jwt.getJWTClaimsSet().getIssuer();
            if (issuer == null || issuer.isBlank()) {
                throw OAuth2Exception.invalidGrant("the " + purpose + " has no iss claim");
            }
            return issuer;
        } catch (ParseException e) {
            throw OAuth2Exception.invalidGrant("the " + purpose + " claims are not a JSON object");
        }
    }

    /** Parses the compact serialisation; {@code alg: none} and malformed input are refused. */
    public static SignedJWT parse(String value, String purpose, java.util.function.Function<String, OAuth2Exception> error) {
        try {
            return SignedJWT.parse(value);
        } catch (ParseException e) {
            throw error.apply("the " + purpose + " is not a signed JWT (JWS compact serialisation with an"
                    + " asymmetric algorithm; alg none is refused)");
        }
    }

    /**
     * @param keys candidate public keys of the expected issuer
     * @param error makes the error to throw: {@code invalid_grant} for grants, {@code invalid_client} for client assertions
     */
    public VerifiedAssertion verify(SignedJWT jwt, List<JWK> keys, JwtAssertionRules rules,
            java.util.function.Function<String, OAuth2Exception> error) {
        JWSHeader header = jwt.getHeader();
        JWSAlgorithm alg = header.getAlgorithm();
        if (!rules.algorithms().contains(alg)) {
            throw error.apply("the " + rules.purpose() + " is signed with " + alg + ", which is not allowed for "
                    + rules.expectedIssuer() + "; allowed: " + rules.algorithms());
        }
        List<JWK> candidates = KeySelection.select(header, keys);
        if (candidates.isEmpty()) {
            throw error.apply("no key of " + rules.expectedIssuer() + " matches the " + rules.purpose()
                    + " (kid " + header.getKeyID() + ")");
        }
        if (candidates.stream().noneMatch(k -> verifies(jwt, k, alg))) {
            throw error.apply("the signature of the " + rules.purpose() + " does not verify with the keys of "
                    + rules.expectedIssuer());
        }
        JWTClaimsSet claims;
        try {
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw error.apply("the " + rules.purpose() + " claims are not a JSON object");
        }
        return checkClaims(claims, rules, error);
    }

    private VerifiedAssertion checkClaims(JWTClaimsSet claims, JwtAssertionRules rules,
            java.util.function.Function<String, OAuth2Exception> error) {
        String p = rules.purpose();
        Instant now = clock.instant();
        if (!rules.expectedIssuer().equals(claims.getIssuer())) {
            throw error.apply("the " + p + " iss must be " + rules.expectedIssuer());
        }
        String subject = claims.getSubject();
        if (subject == null || subject.isBlank()) {
            throw error.apply("the " + p + " has no sub claim");
        }
        if (rules.expectedSubject() != null && !rules.expectedSubject().equals(subject)) {
            throw error.apply("the " + p + " sub must be " + rules.expectedSubject());
        }
        List<String> aud = Optional.ofNullable(claims.getAudience()).orElse(List.of());
        if (aud.stream().noneMatch(rules.audiences()::contains)) {
            throw error.apply("the " + p + " aud " + aud + " does not name this server; use one of "
                    + rules.audiences().stream().sorted().toList());
        }
        Date exp = claims.getExpirationTime();
        if (exp == null) {
            throw error.apply("the " + p + " has no exp claim");
        }
        if (!exp.toInstant().isAfter(now.minus(rules.skew()))) {
            throw error.apply("the " + p + " expired at " + exp.toInstant());
        }
        if (exp.toInstant().isAfter(now.plus(rules.maxLifetime()).plus(rules.skew()))) {
            throw error.apply("the " + p + " expires too far ahead (" + exp.toInstant() + "); at most "
                    + rules.maxLifetime().toMinutes() + " minutes from now is accepted");
        }
        Date nbf = claims.getNotBeforeTime();
        if (nbf != null && nbf.toInstant().isAfter(now.plus(rules.skew()))) {
            throw error.apply("the " + p + " is not valid before " + nbf.toInstant());
        }
        Date iat = claims.getIssueTime();
        if (iat != null && iat.toInstant().isAfter(now.plus(rules.skew()))) {
            throw error.apply("the " + p + " iat " + iat.toInstant() + " lies in the future");
        }
        String jti = claims.getJWTID();
        if (jti == null || jti.isBlank()) {
            throw error.apply("the " + p + " has no jti claim; it is needed to refuse replays");
        }
        return new VerifiedAssertion(claims.getIssuer(), subject, jti, exp.toInstant());
    }

    private static boolean verifies(SignedJWT jwt, JWK key, JWSAlgorithm alg) {
        try {
            JWSVerifier verifier;
            if (JWSAlgorithm.Family.EC.contains(alg) && key instanceof ECKey ec) {
                verifier = new ECDSAVerifier(ec);
            } else if (JWSAlgorithm.Family.RSA.contains(alg) && key instanceof RSAKey rsa) {
                verifier = new RSASSAVerifier(rsa);
            } else {
                return false;
            }
            return jwt.verify(verifier);
        } catch (JOSEException | IllegalStateException e) {
            return false;
        }
    }
}
