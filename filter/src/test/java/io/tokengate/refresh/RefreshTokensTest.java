package io.tokengate.refresh;

import static io.tokengate.testing.TestClients.AUDIENCE;
import static io.tokengate.testing.TestClients.ORDERS_READ;
import static io.tokengate.testing.TestClients.ORDERS_WRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokengate.clientauth.AuthenticatedClient;
import io.tokengate.refresh.StoredRefreshToken.State;
import io.tokengate.registry.ClientAuthMethod;
import io.tokengate.testing.IssuedCertificate;
import io.tokengate.testing.TestCertificates;
import io.tokengate.testing.TestClients;
import io.tokengate.testing.TestClock;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RefreshTokensTest {
    private static final List<String> SCOPES = List.of(ORDERS_READ, ORDERS_WRITE);
    private static final List<String> AUDIENCES = List.of(AUDIENCE);

    private final TestClock clock = TestClock.create();
    private final Instant start = clock.instant();
    private final InMemoryRefreshTokenStore store = new InMemoryRefreshTokenStore(clock);
    private final RefreshTokens tokens = new RefreshTokens(store, RefreshTokens.DEFAULT_LIFETIME, Optional.empty(),
            clock, new SecureRandom());
    private final AuthenticatedClient app = new AuthenticatedClient(TestClients.passwordClient("app").build(),
            ClientAuthMethod.CLIENT_SECRET_BASIC, Optional.empty());

    @Test
    void issueWhenCalledThen256BitBase64urlTokenStoredOnlyAsItsSha256() {
        String token = tokens.issue("alice", app, SCOPES, AUDIENCES);

        assertEquals(43, token.length());
        assertEquals(32, Base64.getUrlDecoder().decode(token).length);
        StoredRefreshToken stored = store.find(RefreshTokens.hash(token)).orElseThrow();
        assertNotEquals(token, stored.tokenHash());
        assertFalse(stored.toString().contains(token));
        assertEquals(1, store.size());
    }

    @Test
    void issueWhenCalledThenNewActiveFamilyWithSubjectClientScopesAndThirtyDayExpiry() {
        StoredRefreshToken stored = tokens.find(tokens.issue("alice", app, SCOPES, AUDIENCES)).orElseThrow();

        assertEquals("alice", stored.subject());
        assertEquals("app", stored.clientId());
        assertEquals(Optional.empty(), stored.thumbprint());
        assertEquals(SCOPES, stored.scopes());
        assertEquals(AUDIENCES, stored.audiences());
        assertEquals(start, stored.issuedAt());
        assertEquals(start.plus(Duration.ofDays(30)), stored.expiresAt());
        assertEquals(Optional.empty(), stored.familyExpiresAt());
        assertEquals(State.ACTIVE, stored.state());
    }

    @Test
    void issueWhenTwiceThenDifferentTokensAndFamilies() {
        StoredRefreshToken first = tokens.find(tokens.issue("alice", app, SCOPES, AUDIENCES)).orElseThrow();
        StoredRefreshToken second = tokens.find(tokens.issue("alice", app, SCOPES, AUDIENCES)).orElseThrow();

        assertNotEquals(first.tokenHash(), second.tokenHash());
        assertNotEquals(first.familyId(), second.familyId());
    }

    @Test
    void issueWhenRandomInjectedThenTokenComesFromIt() {
        SecureRandom sevens = new SecureRandom() {
            private static final long serialVersionUID = 1L;

            @Override
            public void nextBytes(byte[] bytes) {
                Arrays.fill(bytes, (byte) 7);
            }
        };
        RefreshTokens fixed = new RefreshTokens(store, Duration.ofDays(1), Optional.empty(), clock, sevens);

        String token = fixed.issue("alice", app, SCOPES, AUDIENCES);

        byte[] expected = new byte[32];
        Arrays.fill(expected, (byte) 7);
        assertEquals(Base64.getUrlEncoder().withoutPadding().encodeToString(expected), token);
    }

    @Test
    void issueWhenClientAuthenticatedWithCertificateThenFamilyBoundToThumbprint() {
        IssuedCertificate certificate = TestCertificates.create().clientIssuedByIntermediate("CN=svc");
        AuthenticatedClient byCertificate = new AuthenticatedClient(
                TestClients.withImportedCertificate("svc", certificate.certificate()).build(),
                ClientAuthMethod.TLS_CLIENT_AUTH, Optional.of(certificate.presented()));

        StoredRefreshToken stored = tokens.find(tokens.issue("alice", byCertificate, SCOPES, AUDIENCES)).orElseThrow();

        assertEquals(Optional.of(certificate.thumbprint()), stored.thumbprint());
    }

    @Test
    void findWhenTokenUnknownThenEmpty() {
        tokens.issue("alice", app, SCOPES, AUDIENCES);

        assertEquals(Optional.empty(), tokens.find("not-a-token"));
    }

    @Test
    void rotateWhenActiveThenOldRotatedAndSuccessorActiveInSameFamilyWithNarrowedScopes() {
        String first = tokens.issue("alice", app, SCOPES, AUDIENCES);
        StoredRefreshToken current = tokens.find(first).orElseThrow();
        clock.advance(Duration.ofDays(1));

        String second = tokens.rotate(current, List.of(ORDERS_READ), AUDIENCES).orElseThrow();

        assertEquals(State.ROTATED, tokens.find(first).orElseThrow().state());
        StoredRefreshToken successor = tokens.find(second).orElseThrow();
        assertEquals(State.ACTIVE, successor.state());
        assertEquals(current.familyId(), successor.familyId());
        assertEquals("alice", successor.subject());
        assertEquals(List.of(ORDERS_READ), successor.scopes());
        assertEquals(clock.instant().plus(Duration.ofDays(30)), successor.expiresAt());
    }

    @Test
    void rotateWhenAlreadyRotatedThenEmptyAndNoSecondSuccessor() {
        StoredRefreshToken current = tokens.find(tokens.issue("alice", app, SCOPES, AUDIENCES)).orElseThrow();
        tokens.rotate(current, SCOPES, AUDIENCES).orElseThrow();

        assertEquals(Optional.empty(), tokens.rotate(current, SCOPES, AUDIENCES));
        assertEquals(2, store.size());
    }

    @Test
    void rotateWhenFamilyLifetimeSetThenNoMemberOutlivesTheFamily() {
        RefreshTokens capped = new RefreshTokens(store, Duration.ofDays(30), Optional.of(Duration.ofDays(40)), clock,
                new SecureRandom());
        StoredRefreshToken first = capped.find(capped.issue("alice", app, SCOPES, AUDIENCES)).orElseThrow();
        assertEquals(start.plus(Duration.ofDays(30)), first.expiresAt());
        assertEquals(Optional.of(start.plus(Duration.ofDays(40))), first.familyExpiresAt());
        clock.advance(Duration.ofDays(20));

        StoredRefreshToken second = capped.find(capped.rotate(first, SCOPES, AUDIENCES).orElseThrow()).orElseThrow();

        assertEquals(start.plus(Duration.ofDays(40)), second.expiresAt());
    }

    @Test
    void revokeFamilyWhenCalledThenEveryMemberRevoked() {
        String first = tokens.issue("alice", app, SCOPES, AUDIENCES);
        StoredRefreshToken current = tokens.find(first).orElseThrow();
        String second = tokens.rotate(current, SCOPES, AUDIENCES).orElseThrow();
        String otherFamily = tokens.issue("alice", app, SCOPES, AUDIENCES);

        tokens.revokeFamily(current);

        assertEquals(State.REVOKED, tokens.find(first).orElseThrow().state());
        assertEquals(State.REVOKED, tokens.find(second).orElseThrow().state());
        assertEquals(State.ACTIVE, tokens.find(otherFamily).orElseThrow().state());
    }

    @Test
    void isExpiredWhenLifetimePassedThenTrue() {
        StoredRefreshToken stored = tokens.find(tokens.issue("alice", app, SCOPES, AUDIENCES)).orElseThrow();
        clock.advance(Duration.ofDays(30).minusSeconds(1));
        assertFalse(tokens.isExpired(stored));

        clock.advance(Duration.ofSeconds(1));

        assertTrue(tokens.isExpired(stored));
    }

    @Test
    void constructorWhenFamilyLifetimeShorterThanLifetimeThenRefusedNamingBoth() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RefreshTokens(store,
                Duration.ofDays(30), Optional.of(Duration.ofDays(7)), clock, new SecureRandom()));

        assertTrue(e.getMessage().contains("family lifetime PT168H"), e.getMessage());
        assertTrue(e.getMessage().contains("refresh token lifetime PT720H"), e.getMessage());
    }

    @Test
    void constructorWhenLifetimeNotPositiveThenRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new RefreshTokens(store, Duration.ZERO, Optional.empty(), clock, new SecureRandom()));
    }

    @Test
    void toStringWhenStoredTokenThenHashPrefixOnly() {
        StoredRefreshToken stored = tokens.find(tokens.issue("alice", app, SCOPES, AUDIENCES)).orElseThrow();

        assertFalse(stored.toString().contains(stored.tokenHash()), stored.toString());
        assertTrue(stored.toString().contains(stored.tokenHash().substring(0, 8) + "…"), stored.toString());
    }
}
