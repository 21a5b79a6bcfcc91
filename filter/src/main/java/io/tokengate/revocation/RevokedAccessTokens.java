package io.tokengate.revocation;

import io.tokengate.token.AccessTokenClaims;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * Whether an access token was revoked (RFC 7009 §2), by its own {@code jti} or by the refresh
 * token family it was minted from ({@value AccessTokenClaims#FAMILY_CLAIM}): RFC 7009 §2.1 lets
 * a server revoke the access tokens of a revoked refresh token, and Tokengate does. Both are kept
 * in one {@link AccessTokenDenylist}, families under the {@value #FAMILY_PREFIX} prefix (a
 * {@code jti} Tokengate issues is base64url and never contains a colon), so any denylist
 * implementation, shared or not, holds both. Thread-safe.
 */
public final class RevokedAccessTokens {
    /** The namespace of family entries in the denylist. */
    public static final String FAMILY_PREFIX = "family:";

    private final AccessTokenDenylist denylist;

    public RevokedAccessTokens(AccessTokenDenylist denylist) {
        this.denylist = Objects.requireNonNull(denylist, "denylist");
    }

    /**
     * Denies every access token minted from {@code familyId} until {@code until}: the latest
     * {@code exp} such a token can have (the revocation time plus the access token lifetime).
     */
    public void denyFamily(String familyId, Instant until) {
        denylist.deny(FAMILY_PREFIX + Objects.requireNonNull(familyId, "familyId"), until);
    }

    /**
     * @param jti    the token's {@code jti}
     * @param claims all its claims; the family claim, when a string, is looked up too
     */
    public boolean isRevoked(String jti, Map<String, Object> claims) {
        if (denylist.isDenied(jti)) {
            return true;
        }
        return claims.get(AccessTokenClaims.FAMILY_CLAIM) instanceof String family
                && denylist.isDenied(FAMILY_PREFIX + family);
    }
}
