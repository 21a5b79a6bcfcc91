package io.tokengate.grant;

import static io.tokengate.testing.OAuth2Assertions.assertDescriptionContains;
import static io.tokengate.testing.OAuth2Assertions.assertOAuth2Error;
import static io.tokengate.testing.TestClients.AUDIENCE;
import static io.tokengate.testing.TestClients.ORDERS_READ;
import static io.tokengate.testing.TestClients.ORDERS_WRITE;
import static io.tokengate.testing.TestClients.READER_ROLE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokengate.error.ErrorCode;
import io.tokengate.error.OAuth2Exception;
import io.tokengate.registry.ApplicationRole;
import io.tokengate.registry.Client;
import io.tokengate.registry.ClientAuthMethod;
import io.tokengate.registry.InMemoryRegistry;
import io.tokengate.registry.ResourceServer;
import io.tokengate.registry.SecretHash;
import io.tokengate.testing.TestClients;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ScopeResolverTest {
    private final ScopeResolver resolver = new ScopeResolver(TestClients.registry());
    private final Client both = TestClients.secret("both").build();
    private final Client readerOnly = client("reader", READER_ROLE);

    @Test
    void resolveWhenNoScopeRequestedThenEveryScopeTheRolesGrant() {
        GrantedScopes granted = resolver.resolve(both, Optional.empty());

        assertEquals(List.of(ORDERS_READ, ORDERS_WRITE), granted.scopes());
        assertEquals(List.of(AUDIENCE), granted.audiences());
        assertFalse(granted.offlineAccess());
    }

    @Test
    void resolveWhenSubsetRequestedThenOnlyThatSubset() {
        GrantedScopes granted = resolver.resolve(both, Optional.of(ORDERS_WRITE));

        assertEquals(List.of(ORDERS_WRITE), granted.scopes());
    }

    @Test
    void resolveWhenSeveralRequestedThenInOrderRequested() {
        GrantedScopes granted = resolver.resolve(both, Optional.of(ORDERS_WRITE + "  " + ORDERS_READ));

        assertEquals(List.of(ORDERS_WRITE, ORDERS_READ), granted.scopes());
    }

    @Test
    void resolveWhenScopeNotGrantedThenInvalidScopeNamingIt() {
        OAuth2Exception e = assertOAuth2Error(ErrorCode.INVALID_SCOPE,
                () -> resolver.resolve(readerOnly, Optional.of(ORDERS_READ + " " + ORDERS_WRITE)));

        assertDescriptionContains(e, "scope " + ORDERS_WRITE + " is not granted to client reader");
        assertFalse(e.description().contains(ORDERS_READ + " "), e.description());
    }

    @Test
    void resolveWhenScopeUnknownThenInvalidScopeNamingIt() {
        OAuth2Exception e = assertOAuth2Error(ErrorCode.INVALID_SCOPE,
                () -> resolver.resolve(both, Optional.of("https://payments.example.test/pay")));

        assertDescriptionContains(e, "https://payments.example.test/pay");
    }

    @Test
    void resolveWhenUnqualifiedScopeRequestedThenInvalidScope() {
        assertOAuth2Error(ErrorCode.INVALID_SCOPE, () -> resolver.resolve(both, Optional.of("orders.read")));
    }

    @Test
    void resolveWhenMyScopesRequestedThenEveryScopeTheRolesGrant() {
        GrantedScopes granted = resolver.resolve(both, Optional.of(ScopeResolver.MY_SCOPES));

        assertEquals(List.of(ORDERS_READ, ORDERS_WRITE), granted.scopes());
        assertFalse(granted.scopes().contains(ScopeResolver.MY_SCOPES));
    }

    @Test
    void resolveWhenMyScopesWithUngrantedScopeThenInvalidScope() {
        assertOAuth2Error(ErrorCode.INVALID_SCOPE,
                () -> resolver.resolve(readerOnly, Optional.of(ScopeResolver.MY_SCOPES + " " + ORDERS_WRITE)));
    }

    @Test
    void resolveWhenOfflineAccessRequestedThenDroppedAndFlagged() {
        GrantedScopes granted = resolver.resolve(both, Optional.of(ORDERS_READ + " offline_access"));

        assertEquals(List.of(ORDERS_READ), granted.scopes());
        assertTrue(granted.offlineAccess());
    }

    @Test
    void resolveWhenOnlyOfflineAccessRequestedThenEveryGrantedScopeAndFlagged() {
        GrantedScopes granted = resolver.resolve(both, Optional.of("offline_access"));

        assertEquals(List.of(ORDERS_READ, ORDERS_WRITE), granted.scopes());
        assertTrue(granted.offlineAccess());
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://api.example.test/orders\"read", "https://api.example.test/orders\\read",
        "https://api.example.test/ordérs", "https://api.example.test/orders\tread"})
    void resolveWhenScopeHasCharacterRfc6749DisallowsThenInvalidScope(String scope) {
        OAuth2Exception e = assertOAuth2Error(ErrorCode.INVALID_SCOPE, () -> resolver.resolve(both, Optional.of(scope)));

        assertDescriptionContains(e, "contains a character RFC 6749 §3.3 does not allow");
    }

    @Test
    void resolveWhenClientHasNoRolesThenInvalidScope() {
        OAuth2Exception e = assertOAuth2Error(ErrorCode.INVALID_SCOPE,
                () -> resolver.resolve(client("roleless"), Optional.empty()));

        assertDescriptionContains(e, "client roleless has no application role that grants a scope");
    }

    @Test
    void resolveWhenClientHasNoRolesAndAsksScopeThenInvalidScope() {
        assertOAuth2Error(ErrorCode.INVALID_SCOPE, () -> resolver.resolve(client("roleless"), Optional.of(ORDERS_READ)));
    }

    @Test
    void resolveWhenScopesOfTwoResourceServersThenAudienceOfEach() {
        String payments = "https://payments.example.test/";
        InMemoryRegistry registry = new InMemoryRegistry(List.of(),
                List.of(new ApplicationRole("all", Set.of(ORDERS_READ, payments + "pay"))),
                List.of(TestClients.ordersApi(), new ResourceServer(payments, Set.of("pay"))));
        ScopeResolver twoServers = new ScopeResolver(registry);

        GrantedScopes granted = twoServers.resolve(client("multi", "all"), Optional.empty());

        assertEquals(Set.of(AUDIENCE, payments), Set.copyOf(granted.audiences()));
        assertEquals(2, granted.audiences().size());
    }

    @Test
    void resolveWhenTwoScopesOfOneServerThenAudienceOnce() {
        assertEquals(List.of(AUDIENCE), resolver.resolve(both, Optional.of(ORDERS_READ + " " + ORDERS_WRITE)).audiences());
    }

    private static Client client(String clientId, String... roles) {
        Client.Builder b = Client.builder(clientId).authMethod(ClientAuthMethod.CLIENT_SECRET_POST)
                .secretHash(SecretHash.sha256Of(TestClients.SECRET));
        for (String role : roles) {
            b.role(role);
        }
        return b.build();
    }
}
