package io.tokengate.assertion.jwt;

import com.nimbusds.jose.JWSAlgorithm;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * What a JWT assertion must satisfy beyond its signature (RFC 7523 §3). Immutable.
 *
 * @param expectedIssuer   the {@code iss} required
 * @param expectedSubject  the {@code sub} required, or {@code null} for any non-empty subject
 * @param audiences        {@code aud} must contain one of these (the issuer identifier or the token endpoint URL)
 * @param algorithms       allowed JWS algorithms
 * @param maxLifetime      how far ahead {@code exp} may lie
 * @param skew             clock skew allowed on exp, nbf and iat
 * @param purpose          words for error descriptions: "assertion" or "client assertion"
 */
public record JwtAssertionRules(String expectedIssuer, String expectedSubject, Set<String> audiences,
        Set<JWSAlgorithm> algorithms, Duration maxLifetime, Duration skew, String purpose) {
    public JwtAssertionRules {
        Objects.requireNonNull(expectedIssuer, "expectedIssuer");
        audiences = Set.copyOf(audiences);
        algorithms = Set.copyOf(algorithms);
        Objects.requireNonNull(maxLifetime, "maxLifetime");
        Objects.requireNonNull(skew, "skew");
        Objects.requireNonNull(purpose, "purpose");
    }
}
