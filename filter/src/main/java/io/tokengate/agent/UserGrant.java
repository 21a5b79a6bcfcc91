package io.tokengate.agent;

/**
 * The assertion grant the agent uses when an outbound call carries a user's identity (RFC 7521
 * §4.1): the assertion names the user as its subject and is minted by the agent, signed with the
 * client's own key (a Trusted client), or supplied by the application ({@link AssertionSource}).
 */
public enum UserGrant {
    /** {@code urn:ietf:params:oauth:grant-type:jwt-bearer} (RFC 7523 §2.1). */
    JWT_BEARER("urn:ietf:params:oauth:grant-type:jwt-bearer"),
    /** {@code urn:ietf:params:oauth:grant-type:saml2-bearer} (RFC 7522 §2.1). */
    SAML2_BEARER("urn:ietf:params:oauth:grant-type:saml2-bearer");

    private final String grantType;

    UserGrant(String grantType) {
        this.grantType = grantType;
    }

    /** The {@code grant_type} parameter value. */
    public String grantType() {
        return grantType;
    }

    /** The grant named {@code value}: {@code jwt-bearer}, {@code saml2-bearer}, the URN, or the constant name. */
    public static UserGrant parse(String value) {
        for (UserGrant g : values()) {
            if (g.grantType.equalsIgnoreCase(value) || g.name().equalsIgnoreCase(value)
                    || g.grantType.endsWith(":" + value.toLowerCase(java.util.Locale.ROOT))) {
                return g;
            }
        }
        throw new IllegalArgumentException("unknown user grant '" + value + "'; use jwt-bearer or saml2-bearer");
    }
}
