package io.tokengate.store.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokengate.refresh.StoredRefreshToken;
import io.tokengate.refresh.StoredRefreshToken.State;
import io.tokengate.registry.ApplicationRole;
import io.tokengate.registry.ResourceServer;
import io.tokengate.registry.TrustedIssuer;
import io.tokengate.testing.TestCertificates;
import io.tokengate.testing.TestClients;
import io.tokengate.testing.TestClock;
import io.tokengate.testing.TestUsers;
import java.nio.file.Files;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What the JDBC stores add to the interface contracts: two nodes on one database share every
 * decision, cached reads reach the other node within the cache TTL, signing keys rotate with
 * pre-publication and retention, private keys are sealed, expired rows are purged.
 */
abstract class JdbcStoresContract {
    final TestClock clock = new TestClock(Instant.parse("2026-01-01T00:00:00Z"));

    abstract JdbcFixture fixture();

    @Test
    void markUsedWhenAcceptedAtOneNodeThenReplayAtTheOther() {
        JdbcStores a = fixture().open(clock);
        JdbcStores b = fixture().open(clock);
        Instant exp = clock.instant().plus(Duration.ofMinutes(5));

        assertTrue(a.replayCache().markUsed("jwt-assertion:idp", "jti-1", exp));
        assertFalse(b.replayCache().markUsed("jwt-assertion:idp", "jti-1", exp));
    }

    @Test
    void rotateWhenRotatedAtOneNodeThenRefusedAtTheOther() {
        JdbcStores a = fixture().open(clock);
        JdbcStores b = fixture().open(clock);
        a.refreshTokens().save(member("h1", "f1", Duration.ofDays(1)));

        assertTrue(a.refreshTokens().rotate("h1", member("h2", "f1", Duration.ofDays(1))));
        assertFalse(b.refreshTokens().rotate("h1", member("h3", "f1", Duration.ofDays(1))));
        assertEquals(State.ROTATED, b.refreshTokens().find("h1").orElseThrow().state());
        assertEquals(State.ACTIVE, b.refreshTokens().find("h2").orElseThrow().state());
    }

    @Test
    void isDeniedWhenDeniedAtOneNodeThenTheOtherDeniesAfterItsReload() {
        JdbcStores a = fixture().open(clock);
        JdbcStores b = fixture().open(clock);
        a.denylist().deny("jti-1", clock.instant().plus(Duration.ofMinutes(10)));

        assertTrue(a.denylist().isDenied("jti-1"));
        b.denylist().reload();
        assertTrue(b.denylist().isDenied("jti-1"));
    }

    @Test
    void findClientWhenChangedAtOneNodeThenSeenAtTheOtherWithinTheCacheTtl() {
        JdbcStores a = fixture().open(clock);
        JdbcStores b = fixture().open(clock);
        a.clients().create(TestClients.secret("app").build());
        assertTrue(b.clients().findClient("app").isPresent());

        a.clients().delete("app");
        assertTrue(b.clients().findClient("app").isPresent(), "served from B's cache until the TTL passes");
        clock.advance(JdbcFixture.TTL.plusMillis(1));
        assertEquals(Optional.empty(), b.clients().findClient("app"));
    }

    @Test
    void findWhenUserCreatedOrDisabledThenSeenAtTheOtherNodeWithinTheCacheTtl() {
        JdbcStores a = fixture().open(clock);
        JdbcStores b = fixture().open(clock);
        assertTrue(a.users().create(TestUsers.user("alice")));
        assertFalse(a.users().create(TestUsers.user("alice")));
        assertTrue(b.users().find("alice").orElseThrow().enabled());

        a.users().update(TestUsers.disabled("alice"));
        clock.advance(JdbcFixture.TTL.plusMillis(1));
        assertFalse(b.users().find("alice").orElseThrow().enabled());
        assertTrue(b.users().find("alice").orElseThrow().passwordHash().matches(TestUsers.PASSWORD));
    }

    @Test
    void registryWhenSavedThenRolesServersAndIssuersFoundAtEveryNode() {
        JdbcStores a = fixture().open(clock);
        JdbcStores b = fixture().open(clock);
        a.registry().saveResourceServer(TestClients.ordersApi());
        a.registry().saveRole(new ApplicationRole(TestClients.READER_ROLE, Set.of(TestClients.ORDERS_READ)));
        var idp = TestCertificates.create().selfSigned("CN=idp");
        a.registry().saveIssuer(new TrustedIssuer("https://idp.example.test", TrustedIssuer.Type.SAML,
                List.of(idp.certificate()), Optional.empty(), Optional.empty(), Set.of()));

        assertEquals(Set.of(TestClients.ORDERS_READ), b.registry().findRole(TestClients.READER_ROLE).orElseThrow().scopes());
        assertEquals(TestClients.AUDIENCE, b.registry().findResourceServerForScope(TestClients.ORDERS_READ)
                .orElseThrow().audience());
        assertEquals(List.of(idp.certificate()), b.registry().findIssuer("https://idp.example.test").orElseThrow()
                .certificates());
        assertEquals(1, b.registry().trustedIssuers().size());
    }

    @Test
    void signingKeysWhenTwoNodesStartThenBothSignWithTheOneStoredKey() {
        JdbcStores a = fixture().open(clock);
        JdbcStores b = fixture().open(clock);

        assertEquals(a.signingKeys().current().keyId(), b.signingKeys().current().keyId());
        assertEquals(1, count(a, "tg_signing_key"));
    }

    @Test
    void rotateWhenRotatedAtOneNodeThenPublishedEverywhereBeforeUseAndOldKeyKeptForTokenLifetime() {
        JdbcStores a = fixture().open(clock);
        JdbcStores b = fixture().open(clock);
        String old = a.signingKeys().current().keyId();

        String fresh = a.signingKeys().rotate();
        b.signingKeys().reload(); // what B's background refresh does within the TTL

        assertNotEquals(old, fresh);
        assertEquals(old, b.signingKeys().current().keyId(), "not used before every node has published it");
        assertTrue(b.signingKeys().publicKeys().getKeyByKeyId(fresh) != null);
        clock.advance(JdbcFixture.TTL);
        assertEquals(fresh, a.signingKeys().current().keyId());
        assertEquals(fresh, b.signingKeys().current().keyId());
        assertTrue(b.signingKeys().publicKeys().getKeyByKeyId(old) != null, "old tokens still validate");
        clock.advance(JdbcFixture.TOKEN_LIFETIME.plus(JdbcFixture.SKEW));
        assertEquals(null, b.signingKeys().publicKeys().getKeyByKeyId(old));
        assertEquals(1, a.purgeExpired() >= 0 ? count(a, "tg_signing_key") : -1);
    }

    @Test
    void rotateIfDueWhenNewestKeyOlderThanPeriodThenRotatesOnce() {
        JdbcStores a = fixture().open(clock);
        assertFalse(a.signingKeys().rotateIfDue(Duration.ofDays(30)));
        clock.advance(Duration.ofDays(30));

        assertTrue(a.signingKeys().rotateIfDue(Duration.ofDays(30)));
        assertFalse(a.signingKeys().rotateIfDue(Duration.ofDays(30)));
        assertEquals(2, count(a, "tg_signing_key"));
    }

    @Test
    void signingKeysWhenStoredThenPrivatePartSealedAndAnotherKeyEncryptionKeyRefusedByName() throws Exception {
        JdbcStores a = fixture().open(clock);
        String kid = a.signingKeys().current().keyId();
        String sealed = a.database().run("test", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT private_jwk_sealed FROM tg_signing_key WHERE kid = ?")) {
                ps.setString(1, kid);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getString(1);
                }
            }
        });
        assertTrue(sealed.startsWith("v1."));
        assertFalse(sealed.contains("\"d\""));

        var otherKek = Files.createTempDirectory("tokengate-kek").resolve("other");
        var config = fixture().config();
        var wrong = new io.tokengate.config.DatabaseConfig(config.jdbcUrl(), config.user(), config.password(),
                config.poolSize(), config.cacheTtl(), otherKek, config.keyRotationPeriod(), config.purgeInterval());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> fixture().open(clock, wrong));
        assertTrue(e.getMessage().contains("key-encryption-key-file"), e.getMessage());
    }

    @Test
    void purgeExpiredWhenRowsExpiredThenOnlyThoseDeleted() {
        JdbcStores a = fixture().open(clock);
        a.refreshTokens().save(member("old", "f1", Duration.ofDays(1)));
        a.refreshTokens().save(member("young", "f2", Duration.ofDays(10)));
        a.refreshTokens().revokeFamily("f1");
        a.replayCache().markUsed("ns", "old", clock.instant().plus(Duration.ofMinutes(1)));
        a.denylist().deny("old", clock.instant().plus(Duration.ofMinutes(1)));
        clock.advance(Duration.ofDays(2));
        a.replayCache().markUsed("ns", "young", clock.instant().plus(Duration.ofMinutes(1)));
        a.denylist().deny("young", clock.instant().plus(Duration.ofMinutes(1)));

        assertEquals(1, a.purgeExpired());

        assertEquals(Optional.empty(), a.refreshTokens().find("old"));
        assertTrue(a.refreshTokens().find("young").isPresent());
        assertEquals(1, count(a, "tg_refresh_token"));
        assertEquals(0, count(a, "tg_revoked_family"));
        assertEquals(1, count(a, "tg_used_assertion"));
        assertEquals(1, count(a, "tg_denied_token"));
    }

    @Test
    void refreshTokensWhenStoredThenOnlyTheHashIsInTheDatabase() {
        JdbcStores a = fixture().open(clock);
        a.refreshTokens().save(member("hash-of-token", "f1", Duration.ofDays(1)));

        assertEquals(1, count(a, "tg_refresh_token WHERE token_hash = 'hash-of-token'"));
    }

    static int count(JdbcStores stores, String tableAndCondition) {
        return stores.database().run("test", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM " + tableAndCondition);
                    ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }

    StoredRefreshToken member(String hash, String family, Duration lifetime) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        return new StoredRefreshToken(hash, family, "alice", "app", Optional.empty(), List.of("s"), List.of("a"),
                now, now.plus(lifetime), Optional.empty(), State.ACTIVE);
    }

}
