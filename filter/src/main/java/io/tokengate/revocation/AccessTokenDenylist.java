package io.tokengate.revocation;

import java.time.Instant;

/**
 * The {@code jti} values (RFC 7519 §4.1.7) of access tokens revoked before their expiry (RFC 7009
 * §2). An entry need only be kept until the token's {@code exp}: after that every validator refuses
 * the token anyway. Kept small so that a later implementation can share it between nodes.
 * Implementations are thread-safe; arguments must not be null.
 */
public interface AccessTokenDenylist {

    /**
     * Denies the token with {@code jti} until {@code expiresAt}. Denying a jti again keeps the
     * later of the two expiries; a {@code expiresAt} already past changes nothing.
     */
    void deny(String jti, Instant expiresAt);

    /** Whether the token with {@code jti} was revoked and has not yet expired. */
    boolean isDenied(String jti);
}
