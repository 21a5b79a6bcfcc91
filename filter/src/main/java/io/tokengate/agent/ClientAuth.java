package io.tokengate.agent;

/**
 * How the agent authenticates to the token endpoint (RFC 6749 §2.3, RFC 7523 §2.2, RFC 8705 §2).
 * The method must be one registered for the client at the authorization server.
 */
public enum ClientAuth {
    /** {@code client_secret_basic}: HTTP Basic with the client id and secret (RFC 6749 §2.3.1). */
    CLIENT_SECRET_BASIC("client_secret_basic"),
    /** {@code client_secret_post}: {@code client_id} and {@code client_secret} in the form (RFC 6749 §2.3.1). */
    CLIENT_SECRET_POST("client_secret_post"),
    /** {@code private_key_jwt}: a client assertion signed with the client's key (RFC 7523 §2.2). */
    PRIVATE_KEY_JWT("private_key_jwt"),
    /** {@code tls_client_auth}: the client certificate in the TLS handshake, {@code client_id} in the form (RFC 8705 §2). */
    TLS_CLIENT_AUTH("tls_client_auth");

    private final String value;

    ClientAuth(String value) {
        this.value = value;
    }

    /** The registered name, as in {@code token_endpoint_auth_methods}. */
    public String value() {
        return value;
    }

    /** The method named {@code value} (its registered name, any case, or the enum constant name). */
    public static ClientAuth parse(String value) {
        for (ClientAuth m : values()) {
            if (m.value.equalsIgnoreCase(value) || m.name().equalsIgnoreCase(value)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown client authentication '" + value
                + "'; use client_secret_basic, client_secret_post, private_key_jwt or tls_client_auth");
    }
}
