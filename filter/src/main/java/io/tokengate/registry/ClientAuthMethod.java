package io.tokengate.registry;

import java.util.Arrays;
import java.util.Optional;

/**
 * Token endpoint client authentication methods, named as in the IANA "OAuth Token Endpoint
 * Authentication Methods" registry (RFC 7591 §2, RFC 8705 §2).
 */
public enum ClientAuthMethod {
    /** RFC 8705 §2.1: a CA-issued certificate, or the certificate imported into the client profile. */
    TLS_CLIENT_AUTH("tls_client_auth"),
    /** RFC 8705 §2.2: a self-signed certificate registered in the client's JWKS. */
    SELF_SIGNED_TLS_CLIENT_AUTH("self_signed_tls_client_auth"),
    /** RFC 6749 §2.3.1: HTTP Basic with the form-url-encoded id and secret. */
    CLIENT_SECRET_BASIC("client_secret_basic"),
    /** RFC 6749 §2.3.1: {@code client_id} and {@code client_secret} in the body. */
    CLIENT_SECRET_POST("client_secret_post"),
    /** RFC 7523 §2.2: a JWT client assertion signed with the client's private key. */
    PRIVATE_KEY_JWT("private_key_jwt"),
    /** A public client (a mobile or browser application): identified, never authenticated. */
    NONE("none");

    private final String value;

    ClientAuthMethod(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    /** Whether the method proves possession of a certificate, which binds tokens to it (RFC 8705 §3). */
    public boolean isCertificateBased() {
        return this == TLS_CLIENT_AUTH || this == SELF_SIGNED_TLS_CLIENT_AUTH;
    }

    public static Optional<ClientAuthMethod> fromValue(String value) {
        return Arrays.stream(values()).filter(m -> m.value.equals(value)).findFirst();
    }
}
