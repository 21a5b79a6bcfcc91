package io.tokengate.demo.sidecar;

import io.tokengate.agent.AccessToken;
import io.tokengate.agent.TokenAgent;
import io.tokengate.agent.TokenKey;
import io.tokengate.agent.TokenRequestException;

/**
 * Where the egress sidecar gets the access tokens it attaches; {@link #of(TokenAgent)} is the
 * outbound agent (cached, renewed ahead of expiry, one token request per key). Implementations
 * are thread-safe; the sidecar asks on every call.
 */
public interface EgressTokens {

    /**
     * A token for {@code key}: its subject (empty: the client itself), audience and scopes.
     *
     * @throws TokenRequestException with the RFC 6749 §5.2 code when no token can be had
     */
    AccessToken accessToken(TokenKey key);

    /** Forgets {@code rejected} (the upstream answered 401 {@code invalid_token}), so the next call gets a new one. */
    void invalidate(TokenKey key, AccessToken rejected);

    /** The outbound agent's tokens. */
    static EgressTokens of(TokenAgent agent) {
        return new EgressTokens() {
            @Override
            public AccessToken accessToken(TokenKey key) {
                return agent.accessToken(key);
            }

            @Override
            public void invalidate(TokenKey key, AccessToken rejected) {
                agent.invalidate(key, rejected);
            }

            @Override
            public String toString() {
                return agent.toString();
            }
        };
    }
}
