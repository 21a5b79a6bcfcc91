package io.tokengate.assertion.saml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokengate.testing.SamlAssertions;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class SamlBearerValidationSettingsTest {
    private static X509Certificate certificate;

    @BeforeAll
    static void certificate() {
        certificate = SamlAssertions.ec(Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC)).certificate();
    }

    @Test
    void buildWhenOnlyRequiredOptionsThenDefaultSkewAndSize() {
        SamlBearerValidationSettings settings = complete().build();

        assertEquals(Duration.ofSeconds(60), settings.clockSkew());
        assertEquals(64 * 1024, settings.maxEncodedSize());
    }

    @Test
    void buildWhenNoTrustedIssuerThenEmptySoOnlyIssuersTheValidatorLooksUpAreTrusted() {
        var builder = SamlBearerValidationSettings.builder().acceptRecipients("https://as.example/token").acceptAudiences("https://as.example");

        assertTrue(builder.build().trustedIssuers().isEmpty());
    }

    @Test
    void buildWhenNoRecipientThenIllegalArgumentNamingIt() {
        var builder = SamlBearerValidationSettings.builder().trustIssuer("https://idp.example", certificate)
                .acceptAudiences("https://as.example");

        assertRefused(builder::build, "acceptableRecipients");
    }

    @Test
    void buildWhenRecipientNotAbsoluteUrlThenIllegalArgument() {
        assertRefused(complete().acceptRecipients("/oauth2/v1/token")::build, "acceptableRecipients must hold absolute URLs");
    }

    @Test
    void buildWhenNoAudienceThenIllegalArgumentNamingIt() {
        var builder = SamlBearerValidationSettings.builder().trustIssuer("https://idp.example", certificate)
                .acceptRecipients("https://as.example/token");

        assertRefused(builder::build, "acceptableAudiences");
    }

    @Test
    void buildWhenClockSkewNegativeThenIllegalArgument() {
        assertRefused(complete().clockSkew(Duration.ofSeconds(-1))::build, "clockSkew must be between 0 and 10 minutes");
    }

    @Test
    void buildWhenMaxEncodedSizeTooSmallThenIllegalArgument() {
        assertRefused(complete().maxEncodedSize(10)::build, "maxEncodedSize must be between 1024 and 1048576");
    }

    @Test
    void trustIssuerWhenSetTwiceThenIllegalArgument() {
        assertRefused(() -> complete().trustIssuer("https://idp.example", certificate), "is set twice");
    }

    @Test
    void trustIssuerWhenNoCertificateThenIllegalArgument() {
        assertRefused(() -> SamlBearerValidationSettings.builder().trustIssuer("https://idp.example"),
                "needs at least one signing certificate");
    }

    @Test
    void trustedIssuersWhenBuiltThenUnmodifiable() {
        SamlBearerValidationSettings settings = complete().build();

        assertThrows(UnsupportedOperationException.class, () -> settings.trustedIssuers().clear());
        assertThrows(UnsupportedOperationException.class, () -> settings.acceptableAudiences().add("x"));
    }

    private static SamlBearerValidationSettings.Builder complete() {
        return SamlBearerValidationSettings.builder().trustIssuer("https://idp.example", certificate)
                .acceptRecipients("https://as.example/token").acceptAudiences("https://as.example");
    }

    private static void assertRefused(Executable call, String messagePart) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, call);
        assertTrue(error.getMessage().contains(messagePart), () -> "expected '" + messagePart + "' in: " + error.getMessage());
    }
}
