package io.tokengate.agent;

/**
 * The grant the agent uses when an outbound call carries no user (the {@link SubjectSource} is
 * empty): the client asks for a token in its own name.
 */
public enum ClientGrant {
    /** {@code client_credentials} (RFC 6749 §4.4), with any configured client authentication. */
    CLIENT_CREDENTIALS("client_credentials"),
    /**
     * {@code tls_client_auth}: the client-certificate grant over mutual TLS; needs
     * {@link ClientAuth#TLS_CLIENT_AUTH}, and the token is bound to the certificate (RFC 8705 §3).
     */
    TLS_CLIENT_AUTH("tls_client_auth");

    private final String grantType;

    ClientGrant(String grantType) {
        this.grantType = grantType;
    }

    /** The {@code grant_type} parameter value. */
    public String grantType() {
        return grantType;
    }

    /** The grant named {@code value} ({@code client_credentials} or {@code tls_client_auth}, any case). */
    public static ClientGrant parse(String value) {
        for (ClientGrant g : values()) {
            if (g.grantType.equalsIgnoreCase(value) || g.name().equalsIgnoreCase(value)) {
                return g;
            }
        }
        throw new IllegalArgumentException("unknown client grant '" + value + "'; use client_credentials or tls_client_auth");
    }
}
