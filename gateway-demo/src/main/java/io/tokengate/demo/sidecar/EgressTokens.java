package io.tokengate.demo.sidecar;

import java.util.Optional;

/**
 * Where the egress sidecar gets the access tokens it attaches: the seam to the outbound agent's
 * token client. Implementations are thread-safe and cache tokens; the sidecar asks on every call.
 */
public interface EgressTokens {

    /**
     * A bearer access token for a call on behalf of {@code subject}, or as the client itself when
     * it is empty.
     *
     * @throws TokenUnavailableException when the token endpoint refused or could not be reached
     */
    String accessToken(Optional<String> subject, String scope) throws TokenUnavailableException;

    /** Forgets {@code token} (the upstream answered 401 {@code invalid_token}), so the next call gets a new one. */
    void invalidate(Optional<String> subject, String scope, String token);
}
