package io.tokengate.refresh;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One member of a refresh token family as the store keeps it (RFC 6749 §6; OAuth 2.0 Security
 * BCP §4.14.2, refresh token rotation): the SHA-256 hash of the token, never the token, and what
 * the token grants. Each use rotates the member and adds a successor to the same family; a rotated
 * member presented again revokes the whole family. Immutable; {@link #toString()} shows only a
 * prefix of the hash.
 *
 * @param tokenHash       base64url SHA-256 of the token: the store's key
 * @param familyId        shared by every token descended from one grant
 * @param subject         the resource owner the access tokens act for
 * @param clientId        the only client that may use the token
 * @param thumbprint      {@code x5t#S256} of the certificate the family is bound to (RFC 8705 §3), if any
 * @param scopes          the scopes a refresh may ask for (without {@code offline_access})
 * @param audiences       the audiences of those scopes
 * @param issuedAt        when this member was issued
 * @param expiresAt       when this member stops being usable
 * @param familyExpiresAt the absolute end of the family, if one is configured; no member outlives it
 * @param state           active, rotated (used once) or revoked
 */
public record StoredRefreshToken(String tokenHash, String familyId, String subject, String clientId,
        Optional<String> thumbprint, List<String> scopes, List<String> audiences, Instant issuedAt,
        Instant expiresAt, Optional<Instant> familyExpiresAt, State state) {

    /** The life of a family member. */
    public enum State {
        /** May be exchanged once. */
        ACTIVE,
        /** Was exchanged; presenting it again is reuse. */
        ROTATED,
        /** Its family was revoked. */
        REVOKED
    }

    public StoredRefreshToken {
        Objects.requireNonNull(tokenHash, "tokenHash");
        Objects.requireNonNull(familyId, "familyId");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(thumbprint, "thumbprint");
        scopes = List.copyOf(scopes);
        audiences = List.copyOf(audiences);
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(familyExpiresAt, "familyExpiresAt");
        Objects.requireNonNull(state, "state");
    }

    /** This member in another state. */
    public StoredRefreshToken withState(State newState) {
        return new StoredRefreshToken(tokenHash, familyId, subject, clientId, thumbprint, scopes, audiences,
                issuedAt, expiresAt, familyExpiresAt, newState);
    }

    @Override
    public String toString() {
        return "StoredRefreshToken[hash=" + tokenHash.substring(0, Math.min(8, tokenHash.length())) + "…, family="
                + familyId + ", client=" + clientId + ", " + state + ", expiresAt=" + expiresAt + "]";
    }
}
