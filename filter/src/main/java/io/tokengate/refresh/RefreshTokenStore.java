package io.tokengate.refresh;

import java.util.Optional;

/**
 * Where refresh token families live (RFC 6749 §6 with rotation, OAuth 2.0 Security BCP §4.14.2).
 * Kept small so that the "Durable and clustered state" work can back it with a database; each
 * method is one transaction there. Implementations are thread-safe.
 *
 * <p>The contract that matters: {@link #rotate} is a compare-and-set, so two concurrent uses of
 * one token cannot both succeed, and a revoked family stays revoked, including members added by a
 * rotation that raced with the revocation.
 */
public interface RefreshTokenStore {

    /**
     * Saves the first member of a new family.
     *
     * @throws IllegalStateException if a token with the same hash is already stored
     */
    void save(StoredRefreshToken token);

    /**
     * The member stored under {@code tokenHash}; its state is {@code REVOKED} when its family has
     * been revoked. Empty when unknown (or removed after expiry).
     */
    Optional<StoredRefreshToken> find(String tokenHash);

    /**
     * Atomically: if the member under {@code tokenHash} is {@code ACTIVE} and its family not
     * revoked, mark it {@code ROTATED} and save {@code successor} (same family, {@code ACTIVE}).
     * In SQL: {@code UPDATE … SET state='ROTATED' WHERE hash=? AND state='ACTIVE'}, then the
     * insert, in one transaction.
     *
     * @return {@code false}, changing nothing, when the member is not active any more (another
     *         request rotated it first, or the family was revoked) or is unknown
     */
    boolean rotate(String tokenHash, StoredRefreshToken successor);

    /** Revokes every member of the family, present and future. Idempotent. */
    void revokeFamily(String familyId);
}
