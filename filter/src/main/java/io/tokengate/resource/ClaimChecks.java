package io.tokengate.resource;

import com.nimbusds.jwt.JWTClaimsSet;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The claim checks of RFC 9068 §4 after the signature: {@code aud} contains this resource server,
 * {@code exp}, {@code nbf} and {@code iat} with skew, the claims RFC 9068 §2.2 requires are there,
 * and a {@code cnf} names only a confirmation method this server can check (RFC 8705 §3.1).
 * Every failure is {@code invalid_token}.
 */
final class ClaimChecks {
    static final String CNF_X5T_S256 = "x5t#S256";

    private final String audience;
    private final Duration skew;

    ClaimChecks(String audience, Duration skew) {
        this.audience = audience;
        this.skew = skew;
    }

    ValidatedToken check(JWTClaimsSet claims, Instant now) {
        return check(claims, now, false);
    }

    /**
     * The same checks on the members of an RFC 7662 §2.2 introspection answer, where {@code iat}
     * and {@code jti} are optional (a missing jti becomes the empty string) while {@code exp},
     * {@code sub} and {@code client_id} are still required.
     */
    ValidatedToken checkIntrospected(JWTClaimsSet claims, Instant now) {
        return check(claims, now, true);
    }

    private ValidatedToken check(JWTClaimsSet claims, Instant now, boolean introspected) {
        String source = introspected ? "the authorization server's introspection answer (RFC 7662 §2.2)" : "RFC 9068 §2.2";
        List<String> audiences = claims.getAudience();
        if (!audiences.contains(audience)) {
            throw BearerTokenException.invalidToken(audiences.isEmpty() ? "the access token has no aud claim"
                    : "the access token is meant for " + Descriptions.shorten(String.join(" ", audiences))
                    + ", not for " + audience);
        }
        Instant expiresAt = time(claims.getExpirationTime(), "exp", source);
        if (now.isAfter(expiresAt.plus(skew))) {
            throw BearerTokenException.invalidToken("the access token expired at " + expiresAt);
        }
        Date notBefore = claims.getNotBeforeTime();
        if (notBefore != null && now.plus(skew).isBefore(notBefore.toInstant())) {
            throw BearerTokenException.invalidToken("the access token is not valid before " + notBefore.toInstant());
        }
        Instant issuedAt = introspected && claims.getIssueTime() == null ? now : time(claims.getIssueTime(), "iat", source);
        if (now.plus(skew).isBefore(issuedAt)) {
            throw BearerTokenException.invalidToken("the access token was issued in the future (" + issuedAt
                    + "); check the clocks");
        }
        String jti = introspected && claims.getJWTID() == null ? "" : required(claims.getJWTID(), "jti", source);
        return new ValidatedToken(claims.getIssuer(), required(claims.getSubject(), "sub", source),
                required(string(claims, "client_id"), "client_id", source), scopes(claims), audiences, expiresAt,
                jti, thumbprint(claims), claims.toJSONObject());
    }

    private static Instant time(Date value, String name, String source) {
        if (value == null) {
            throw missing(name, source);
        }
        return value.toInstant();
    }

    private static String required(String value, String name, String source) {
        if (value == null || value.isEmpty()) {
            throw missing(name, source);
        }
        return value;
    }

    private static BearerTokenException missing(String name, String source) {
        return BearerTokenException.invalidToken(source.startsWith("RFC")
                ? "the access token has no " + name + " claim (" + source + ")"
                : "the access token has no " + name + " in " + source);
    }

    private static String string(JWTClaimsSet claims, String name) {
        try {
            return claims.getStringClaim(name);
        } catch (ParseException e) {
            throw BearerTokenException.invalidToken("the " + name + " claim of the access token is not a string");
        }
    }

    /** RFC 9068 §2.2.3: a space-separated string. */
    private static Set<String> scopes(JWTClaimsSet claims) {
        String scope = string(claims, "scope");
        if (scope == null || scope.isBlank()) {
            return Set.of();
        }
        Set<String> scopes = new LinkedHashSet<>();
        Arrays.stream(scope.split(" ")).filter(s -> !s.isEmpty()).forEach(scopes::add);
        return scopes;
    }

    private static Optional<String> thumbprint(JWTClaimsSet claims) {
        Map<String, Object> cnf;
        try {
            cnf = claims.getJSONObjectClaim("cnf");
        } catch (ParseException e) {
            throw BearerTokenException.invalidToken("the cnf claim of the access token is not a JSON object");
        }
        if (cnf == null) {
            return Optional.empty();
        }
        Object x5t = cnf.get(CNF_X5T_S256);
        if (x5t instanceof String s && !s.isEmpty()) {
            return Optional.of(s);
        }
        if (x5t != null) {
            throw BearerTokenException.invalidToken("the cnf.x5t#S256 claim of the access token is not a string");
        }
        throw BearerTokenException.invalidToken("the access token is bound by a confirmation method this resource"
                + " server cannot check (" + Descriptions.shorten(String.join(", ", cnf.keySet()))
                + "); only x5t#S256 (RFC 8705) is supported");
    }
}
