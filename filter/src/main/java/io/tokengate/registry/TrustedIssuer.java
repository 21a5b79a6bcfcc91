package io.tokengate.registry;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyType;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An external identity provider whose user assertions the assertion grants accept (RFC 7521 §5.1):
 * a SAML issuer with its signing certificates, or a JWT issuer with a static JWKS or a
 * {@code jwks_uri}, and the JWS algorithms allowed for it. Immutable.
 *
 * @param issuer       the SAML Issuer entity ID or JWT {@code iss}
 * @param type         SAML or JWT
 * @param certificates signing certificates (SAML; for JWT they are added as keys too)
 * @param jwks         static keys (JWT)
 * @param jwksUri      where to fetch keys (JWT)
 * @param algorithms   allowed JWS algorithms: RSA or ECDSA only, never {@code none} or HMAC
 */
public record TrustedIssuer(String issuer, Type type, List<X509Certificate> certificates, Optional<JWKSet> jwks,
        Optional<URI> jwksUri, Set<JWSAlgorithm> algorithms) {

    /** The assertion format an issuer signs. */
    public enum Type { SAML, JWT }

    /** What is allowed when a JWT issuer names no algorithms. */
    public static final Set<JWSAlgorithm> DEFAULT_ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.PS256,
            JWSAlgorithm.ES256);

    public TrustedIssuer {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(type, "type");
        certificates = List.copyOf(certificates);
        Objects.requireNonNull(jwks, "jwks");
        Objects.requireNonNull(jwksUri, "jwksUri");
        algorithms = Set.copyOf(algorithms.isEmpty() ? DEFAULT_ALGORITHMS : algorithms);
        for (JWSAlgorithm a : algorithms) {
            if (JWSAlgorithm.Family.HMAC_SHA.contains(a) || "none".equalsIgnoreCase(a.getName())) {
                throw new IllegalArgumentException("trusted issuer " + issuer + ": algorithm " + a
                        + " is not allowed for assertions (only asymmetric signatures)");
            }
            if (!JWSAlgorithm.Family.RSA.contains(a) && !JWSAlgorithm.Family.EC.contains(a)) {
                throw new IllegalArgumentException("trusted issuer " + issuer + ": algorithm " + a
                        + " is not supported; use RS256, RS384, RS512, PS256, PS384, PS512, ES256, ES384 or ES512");
            }
        }
        if (type == Type.SAML && certificates.isEmpty()) {
            throw new IllegalArgumentException("trusted SAML issuer " + issuer + " needs its signing certificates");
        }
        boolean usableJwks = jwks.map(s -> s.getKeys().stream()
                .anyMatch(k -> k.getKeyType() == KeyType.RSA || k.getKeyType() == KeyType.EC)).orElse(false);
        if (type == Type.JWT && certificates.isEmpty() && !usableJwks && jwksUri.isEmpty()) {
            throw new IllegalArgumentException("trusted JWT issuer " + issuer + " needs jwks (with at least one RSA or"
                    + " EC key), jwks_uri or certificates");
        }
    }
}
