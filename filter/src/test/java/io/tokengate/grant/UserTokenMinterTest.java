package io.tokengate.grant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.nimbusds.jwt.SignedJWT;
import io.tokengate.clientauth.AuthenticatedClient;
import io.tokengate.error.ErrorCode;
import io.tokengate.error.OAuth2Exception;
import io.tokengate.registry.ClientAuthMethod;
import io.tokengate.testing.TestClients;
import io.tokengate.testing.TestSigningKeys;
import io.tokengate.token.AccessTokenIssuer;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UserTokenMinterTest {
    private final AccessTokenIssuer issuer = new AccessTokenIssuer("https://as.example.test", Duration.ofMinutes(5),
            TestSigningKeys.es256(), Clock.systemUTC(), new SecureRandom());
    private final ScopeResolver scopes = new ScopeResolver(TestClients.registry());
    private final AuthenticatedClient app = new AuthenticatedClient(TestClients.passwordClient("app").build(),
            ClientAuthMethod.CLIENT_SECRET_BASIC, Optional.empty());

    @Test
    void mintWhenSubjectKnownThenTokenForThatSubject() throws Exception {
        UserTokenMinter minter = new UserTokenMinter(scopes, issuer, Optional.empty(), Set.of("alice")::contains);

        TokenResponse response = minter.mint("alice", app, Optional.empty());

        assertEquals("alice", SignedJWT.parse(response.accessToken()).getJWTClaimsSet().getSubject());
    }

    @Test
    void mintWhenSubjectMustBeKnownAndIsNotThenInvalidGrantNamingIt() {
        UserTokenMinter minter = new UserTokenMinter(scopes, issuer, Optional.empty(), Set.of("alice")::contains);

        OAuth2Exception e = assertThrows(OAuth2Exception.class, () -> minter.mint("mallory", app, Optional.empty()));

        assertEquals(ErrorCode.INVALID_GRANT, e.code());
        assertEquals("the assertion's subject mallory is not a known, enabled user of this server", e.description());
    }
}
