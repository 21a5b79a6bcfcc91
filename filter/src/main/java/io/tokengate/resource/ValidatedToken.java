package io.tokengate.resource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A JWT access token that passed every check of RFC 9068 §4, as the application sees it.
 * Immutable, collections included (nested claim values too).
 *
 * @param issuer                {@code iss}
 * @param subject               {@code sub}: the resource owner, or the client itself (RFC 9068 §2.2)
 * @param clientId              {@code client_id}
 * @param scopes                the space-separated {@code scope} claim as a set, in claim order
 * @param audiences             {@code aud}
 * @param expiresAt             {@code exp}
 * @param jti                   {@code jti}
 * @param certificateThumbprint {@code cnf.x5t#S256} of a certificate-bound token (RFC 8705 §3.1)
 * @param claims                every claim as JSON values (times as epoch seconds)
 */
public record ValidatedToken(String issuer, String subject, String clientId, Set<String> scopes, List<String> audiences,
        Instant expiresAt, String jti, Optional<String> certificateThumbprint, Map<String, Object> claims) {

    public ValidatedToken {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(clientId, "clientId");
        scopes = Collections.unmodifiableSet(new LinkedHashSet<>(scopes));
        audiences = List.copyOf(audiences);
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(jti, "jti");
        Objects.requireNonNull(certificateThumbprint, "certificateThumbprint");
        claims = frozenMap(claims);
    }

    public boolean hasScope(String scope) {
        return scopes.contains(scope);
    }

    /** Whether the token is bound to a client certificate (RFC 8705 §3). */
    public boolean isCertificateBound() {
        return certificateThumbprint.isPresent();
    }

    private static Map<String, Object> frozenMap(Map<?, ?> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> copy.put(String.valueOf(k), frozen(v)));
        return Collections.unmodifiableMap(copy);
    }

    private static Object frozen(Object value) {
        if (value instanceof Map<?, ?> m) {
            return frozenMap(m);
        }
        if (value instanceof List<?> l) {
            List<Object> copy = new ArrayList<>(l.size());
            l.forEach(v -> copy.add(frozen(v)));
            return Collections.unmodifiableList(copy);
        }
        return value;
    }

    /** Names the token without listing its claims. */
    @Override
    public String toString() {
        return "ValidatedToken[sub=" + subject + ", client_id=" + clientId + ", jti=" + jti + ", exp=" + expiresAt
                + (isCertificateBound() ? ", certificate-bound" : "") + "]";
    }
}
