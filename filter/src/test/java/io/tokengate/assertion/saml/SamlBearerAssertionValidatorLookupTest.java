package io.tokengate.assertion.saml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tokengate.error.OAuth2Exception;
import io.tokengate.testing.SamlAssertions;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * Issuers the validator looks up on each assertion (the Trusted clients of the client store),
 * beside the fixed identity providers of its settings: trusted while the lookup finds them, and
 * from the moment it does; refused once it no longer does.
 */
class SamlBearerAssertionValidatorLookupTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);

    private final SamlAssertions client = SamlAssertions.ec("trusted-client", CLOCK);
    private final Map<String, List<X509Certificate>> registered = new ConcurrentHashMap<>();
    private final SamlBearerAssertionValidator validator = new SamlBearerAssertionValidator(
            SamlBearerValidationSettings.builder().acceptRecipients(SamlAssertions.TOKEN_ENDPOINT)
                    .acceptAudiences(SamlAssertions.SERVER_ISSUER).build(),
            CLOCK, new OpenSaml(), issuer -> registered.getOrDefault(issuer, List.of()));

    @Test
    void validateWhenIssuerFoundByLookupThenVerified() {
        registered.put("trusted-client", List.of(client.certificate()));

        assertEquals("trusted-client", validator.validate(client.assertion().toParameter()).issuer());
    }

    @Test
    void validateWhenLookupNoLongerFindsIssuerThenInvalidGrant() {
        registered.put("trusted-client", List.of(client.certificate()));
        validator.validate(client.assertion().id("_first").toParameter());
        registered.remove("trusted-client");

        OAuth2Exception e = assertThrows(OAuth2Exception.class,
                () -> validator.validate(client.assertion().id("_second").toParameter()));

        assertEquals("assertion issuer trusted-client is not a trusted identity provider", e.description());
    }

    @Test
    void validateWhenLookupHasAnotherCertificateThenSignatureRefused() {
        registered.put("trusted-client", List.of(SamlAssertions.ec("other", CLOCK).certificate()));

        OAuth2Exception e = assertThrows(OAuth2Exception.class, () -> validator.validate(client.assertion().toParameter()));

        assertEquals("invalid_grant", e.code().value());
    }
}
