package io.tokengate.refresh;

import io.tokengate.refresh.StoredRefreshToken.State;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * A {@link RefreshTokenStore} in this process's memory: families are lost on restart and not shared
 * between instances (the "Durable and clustered state" work replaces it). Members are kept in a
 * {@link ConcurrentHashMap} by token hash; rotation is a {@link ConcurrentHashMap#replace(Object,
 * Object, Object)} compare-and-set; a revoked family is a marker consulted by {@link #find} and
 * {@link #rotate}, so a successor saved by a rotation racing with the revocation is revoked too.
 *
 * <p>Every {@value #PURGE_EVERY} writes, members past their expiry are removed (with the markers
 * of families that have no member left), so memory follows the number of live tokens. Thread-safe.
 */
public final class InMemoryRefreshTokenStore implements RefreshTokenStore {
    static final int PURGE_EVERY = 1024;

    private final ConcurrentHashMap<String, StoredRefreshToken> byHash = new ConcurrentHashMap<>();
    private final Set<String> revokedFamilies = ConcurrentHashMap.newKeySet();
    private final AtomicLong writes = new AtomicLong();
    private final Clock clock;

    /** @param clock decides which members have expired, for the periodic purge */
    public InMemoryRefreshTokenStore(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void save(StoredRefreshToken token) {
        if (byHash.putIfAbsent(token.tokenHash(), token) != null) {
            throw new IllegalStateException("a refresh token with this hash is already stored");
        }
        wrote();
    }

    @Override
    public Optional<StoredRefreshToken> find(String tokenHash) {
        StoredRefreshToken token = byHash.get(tokenHash);
        if (token == null) {
            return Optional.empty();
        }
        return Optional.of(revokedFamilies.contains(token.familyId()) ? token.withState(State.REVOKED) : token);
    }

    @Override
    public boolean rotate(String tokenHash, StoredRefreshToken successor) {
        StoredRefreshToken current = byHash.get(tokenHash);
        if (current == null || current.state() != State.ACTIVE || revokedFamilies.contains(current.familyId())) {
            return false;
        }
        if (!successor.familyId().equals(current.familyId()) || successor.state() != State.ACTIVE) {
            throw new IllegalArgumentException("a successor must be an active member of the same family");
        }
        if (!byHash.replace(tokenHash, current, current.withState(State.ROTATED))) {
            return false;
        }
        if (byHash.putIfAbsent(successor.tokenHash(), successor) != null) {
            throw new IllegalStateException("a refresh token with this hash is already stored");
        }
        wrote();
        return true;
    }

    @Override
    public void revokeFamily(String familyId) {
        revokedFamilies.add(familyId);
    }

    /** How many members are stored, in any state. */
    public int size() {
        return byHash.size();
    }

    /** Removes members whose expiry has passed, and the revocation markers of families left empty. */
    public void removeExpired() {
        Instant now = clock.instant();
        byHash.values().removeIf(t -> !t.expiresAt().isAfter(now));
        Set<String> live = byHash.values().stream().map(StoredRefreshToken::familyId).collect(Collectors.toSet());
        revokedFamilies.retainAll(live);
    }

    private void wrote() {
        if (writes.incrementAndGet() % PURGE_EVERY == 0) {
            removeExpired();
        }
    }
}
