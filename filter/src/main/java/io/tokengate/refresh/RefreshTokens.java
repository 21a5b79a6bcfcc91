package io.tokengate.refresh;

import io.tokengate.clientauth.AuthenticatedClient;
import io.tokengate.refresh.StoredRefreshToken.State;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Issues, finds and rotates refresh tokens (RFC 6749 §1.5, §6) in families, as the OAuth 2.0
 * Security BCP (§4.14.2) recommends for rotation with reuse detection:
 * <ul>
 *   <li>a token is 256 random bits from the injected {@link SecureRandom}, base64url without
 *       padding (43 characters); only its SHA-256 hash is stored;</li>
 *   <li>each member lives {@code lifetime} (default 30 days) from its issue, but never past the
 *       family's absolute end when a {@code familyLifetime} is configured;</li>
 *   <li>the family remembers subject, client, bound certificate thumbprint (RFC 8705 §3), scopes
 *       and audiences; a rotation may narrow the scopes for the successor.</li>
 * </ul>
 * The decisions (whose token, reuse, scope) belong to the refresh token grant; this class keeps the
 * mechanics. Thread-safe; tokens appear only in return values, never in logs or {@code toString()}.
 */
public final class RefreshTokens implements RefreshTokenIssuer {
    public static final Duration DEFAULT_LIFETIME = Duration.ofDays(30);
    private static final int TOKEN_BYTES = 32;
    private static final int FAMILY_ID_BYTES = 16;

    private final RefreshTokenStore store;
    private final Duration lifetime;
    private final Optional<Duration> familyLifetime;
    private final Clock clock;
    private final SecureRandom random;

    /**
     * @param lifetime       how long each member is usable after it was issued
     * @param familyLifetime how long a family may be refreshed in all, counted from its first token
     * @throws IllegalArgumentException when a lifetime is not positive, or the family's is shorter than a member's
     */
    public RefreshTokens(RefreshTokenStore store, Duration lifetime, Optional<Duration> familyLifetime, Clock clock,
            SecureRandom random) {
        this.store = Objects.requireNonNull(store, "store");
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("refresh token lifetime must be positive, was " + lifetime);
        }
        if (familyLifetime.filter(f -> f.compareTo(lifetime) < 0).isPresent()) {
            throw new IllegalArgumentException("refresh token family lifetime " + familyLifetime.get()
                    + " must not be shorter than the refresh token lifetime " + lifetime);
        }
        this.lifetime = lifetime;
        this.familyLifetime = familyLifetime;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    /** Starts a new family bound to {@code client} (and its certificate, when it used one). */
    @Override
    public Started start(String subject, AuthenticatedClient client, List<String> scopes, List<String> audiences) {
        Instant now = clock.instant();
        Optional<Instant> familyEnd = familyLifetime.map(now::plus);
        String token = newToken(TOKEN_BYTES);
        String familyId = newToken(FAMILY_ID_BYTES);
        store.save(new StoredRefreshToken(hash(token), familyId, subject, client.clientId(),
                client.boundThumbprint(), scopes, audiences, now, expiry(now, familyEnd), familyEnd, State.ACTIVE));
        return new Started(token, familyId);
    }

    /** The stored member for a presented token, in whatever state; empty when unknown. */
    public Optional<StoredRefreshToken> find(String token) {
        return store.find(hash(token));
    }

    /** Whether {@code token}'s expiry has passed. */
    public boolean isExpired(StoredRefreshToken token) {
        return !token.expiresAt().isAfter(clock.instant());
    }

    /**
     * Exchanges {@code current} for a successor in the same family with {@code scopes} and
     * {@code audiences} (the family's, or narrower).
     *
     * @return the successor token; empty when {@code current} was no longer active — another
     *         request rotated it first, or the family was revoked
     */
    public Optional<String> rotate(StoredRefreshToken current, List<String> scopes, List<String> audiences) {
        Instant now = clock.instant();
        String token = newToken(TOKEN_BYTES);
        StoredRefreshToken successor = new StoredRefreshToken(hash(token), current.familyId(), current.subject(),
                current.clientId(), current.thumbprint(), scopes, audiences, now,
                expiry(now, current.familyExpiresAt()), current.familyExpiresAt(), State.ACTIVE);
        return store.rotate(current.tokenHash(), successor) ? Optional.of(token) : Optional.empty();
    }

    /** Revokes the family {@code member} belongs to: every token in it, present and future. */
    public void revokeFamily(StoredRefreshToken member) {
        store.revokeFamily(member.familyId());
    }

    private Instant expiry(Instant now, Optional<Instant> familyEnd) {
        Instant own = now.plus(lifetime);
        return familyEnd.filter(end -> end.isBefore(own)).orElse(own);
    }

    private String newToken(int bytes) {
        byte[] value = new byte[bytes];
        random.nextBytes(value);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
    }

    /** Base64url (no padding) SHA-256 of the token's characters: the key it is stored under. */
    static String hash(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "RefreshTokens[lifetime=" + lifetime + familyLifetime.map(f -> ", familyLifetime=" + f).orElse("") + "]";
    }
}
