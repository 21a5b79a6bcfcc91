package io.tokengate.agent;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;

/**
 * Adds the configured client authentication to a token request: HTTP Basic with form-url-encoded
 * id and secret (RFC 6749 §2.3.1), {@code client_id}/{@code client_secret} in the body, a fresh
 * {@code private_key_jwt} client assertion (RFC 7523 §2.2), or {@code client_id} alone for
 * {@code tls_client_auth}, whose proof is the certificate in the handshake (RFC 8705 §2).
 */
final class RequestAuthenticator {
    static final String CLIENT_ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    private final TokenAgentConfig config;
    private final JwtMinter clientAssertions;
    private final String basic;

    RequestAuthenticator(TokenAgentConfig config, Clock clock) {
        this.config = config;
        this.clientAssertions = config.clientAuth() == ClientAuth.PRIVATE_KEY_JWT
                ? new JwtMinter(config.clientId(), config.keyMaterial().orElseThrow(), config.assertionLifetime(), clock)
                : null;
        this.basic = config.clientAuth() == ClientAuth.CLIENT_SECRET_BASIC
                ? "Basic " + Base64.getEncoder().encodeToString((Form.encode(config.clientId()) + ":"
                        + Form.encode(config.clientSecret().orElseThrow())).getBytes(StandardCharsets.UTF_8))
                : null;
    }

    Form authenticate(Form form, String tokenEndpoint) {
        switch (config.clientAuth()) {
            case CLIENT_SECRET_BASIC -> form.authorization(basic);
            case CLIENT_SECRET_POST -> form.put("client_id", config.clientId())
                    .put("client_secret", config.clientSecret().orElseThrow());
            case PRIVATE_KEY_JWT -> form.put("client_id", config.clientId())
                    .put("client_assertion_type", CLIENT_ASSERTION_TYPE)
                    .put("client_assertion", clientAssertions.clientAssertion(tokenEndpoint));
            case TLS_CLIENT_AUTH -> form.put("client_id", config.clientId());
            default -> throw new IllegalStateException(config.clientAuth().toString());
        }
        return form;
    }
}
