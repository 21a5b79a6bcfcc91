package io.tokengate.agent;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/** The checks of {@link TokenAgentConfig}: each names the option to fix. */
final class TokenAgentConfigChecks {
    private TokenAgentConfigChecks() {
    }

    static void check(Optional<URI> issuer, Optional<URI> tokenEndpoint, String clientId, ClientAuth clientAuth,
            Optional<String> clientSecret, Optional<ClientKeyMaterial> keyMaterial, ClientGrant clientGrant,
            Optional<AssertionSource> assertionSource) {
        if (clientId.isBlank()) {
            throw new IllegalArgumentException("clientId must be non-empty");
        }
        if (issuer.isPresent() == tokenEndpoint.isPresent()) {
            throw new IllegalArgumentException(issuer.isPresent()
                    ? "set issuer (to discover the token endpoint) or tokenEndpoint, not both"
                    : "set issuer (to discover the token endpoint from its metadata) or tokenEndpoint");
        }
        boolean secretAuth = clientAuth == ClientAuth.CLIENT_SECRET_BASIC || clientAuth == ClientAuth.CLIENT_SECRET_POST;
        if (secretAuth && clientSecret.isEmpty()) {
            throw new IllegalArgumentException("clientAuth " + clientAuth.value() + " needs clientSecret");
        }
        if (!secretAuth && clientSecret.isPresent()) {
            throw new IllegalArgumentException("clientSecret is set but clientAuth is " + clientAuth.value()
                    + "; remove the secret or use client_secret_basic/client_secret_post");
        }
        if (!secretAuth && keyMaterial.isEmpty()) {
            throw new IllegalArgumentException("clientAuth " + clientAuth.value() + " needs keyMaterial (the client key and certificate)");
        }
        if (clientGrant == ClientGrant.TLS_CLIENT_AUTH && clientAuth != ClientAuth.TLS_CLIENT_AUTH) {
            throw new IllegalArgumentException("clientGrant tls_client_auth authenticates by certificate and needs clientAuth"
                    + " tls_client_auth, not " + clientAuth.value());
        }
    }

    static URI https(String value, String option) {
        URI uri;
        try {
            uri = URI.create(value);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException(option + " must be an https URL, was '" + value + "'");
        }
        if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null || uri.getQuery() != null
                || uri.getFragment() != null) {
            throw new IllegalArgumentException(option + " must be an https URL without query or fragment, was '" + value + "'");
        }
        return uri;
    }

    static Duration positive(Duration value, String option) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(option + " must be a positive duration, was " + value);
        }
        return value;
    }

    static Duration notNegative(Duration value, String option) {
        if (value == null || value.isNegative()) {
            throw new IllegalArgumentException(option + " must be zero or positive, was " + value);
        }
        return value;
    }
}
