package io.tokengate.agent;

/**
 * Supplies the user assertion for an assertion grant when the application has one from elsewhere
 * (a third-party assertion, e.g. the SAML assertion its identity provider issued at sign-in),
 * instead of the agent minting one. Called on the agent's fetching thread, once per token request;
 * must be thread-safe and return a fresh, unused assertion each time (the server accepts each once).
 */
@FunctionalInterface
public interface AssertionSource {

    /**
     * @param subject       the user the token is for, as the {@link SubjectSource} named them
     * @param tokenEndpoint the token endpoint the assertion will be presented to (its audience/recipient)
     * @return the {@code assertion} parameter: a JWT (RFC 7523) or base64url SAML assertion (RFC 7522 §2.1)
     */
    String assertionFor(String subject, String tokenEndpoint);
}
