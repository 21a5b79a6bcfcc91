package io.tokengate.agent;

import io.tokengate.assertion.saml.OpenSaml;
import io.tokengate.assertion.saml.SamlAssertionMinter;
import java.time.Clock;
import java.time.Duration;

/**
 * The user assertion for one assertion-grant request: the application's own
 * ({@link AssertionSource}, a third-party assertion) or one minted here for the subject, signed with
 * the client's key with the client id as issuer — how a Trusted client asserts its users. A JWT
 * (RFC 7523 §3) with {@code aud} = the token endpoint, or a SAML 2.0 assertion (RFC 7522 §3) with
 * Recipient and Audience = the token endpoint, reusing {@link SamlAssertionMinter}.
 */
final class UserAssertions {
    private final AssertionSource source;

    private UserAssertions(AssertionSource source) {
        this.source = source;
    }

    static UserAssertions from(TokenAgentConfig config, Clock clock) {
        if (config.assertionSource().isPresent()) {
            return new UserAssertions(config.assertionSource().get());
        }
        if (config.keyMaterial().isEmpty()) {
            return new UserAssertions((subject, endpoint) -> {
                throw new IllegalStateException("client " + config.clientId() + " has neither keyMaterial nor an"
                        + " assertionSource: it cannot obtain tokens for users");
            });
        }
        ClientKeyMaterial key = config.keyMaterial().get();
        Duration lifetime = config.assertionLifetime();
        if (config.userGrant() == UserGrant.JWT_BEARER) {
            JwtMinter jwt = new JwtMinter(config.clientId(), key, lifetime, clock);
            return new UserAssertions(jwt::userAssertion);
        }
        SamlAssertionMinter saml = new SamlAssertionMinter(new OpenSaml(), key.privateKey(), key.certificate(), clock);
        return new UserAssertions((subject, endpoint) -> saml.newAssertion(config.clientId(), subject)
                .notOnOrAfter(clock.instant().plus(lifetime)).recipient(endpoint).audience(endpoint).toParameter());
    }

    String assertionFor(String subject, String tokenEndpoint) {
        String assertion = source.assertionFor(subject, tokenEndpoint);
        if (assertion == null || assertion.isBlank()) {
            throw new IllegalStateException("the assertion source returned no assertion for subject " + subject);
        }
        return assertion;
    }
}
