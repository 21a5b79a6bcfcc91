package io.tokengate.registration;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokengate.error.ErrorCode;
import io.tokengate.error.OAuth2Exception;
import io.tokengate.registry.ApplicationType;
import io.tokengate.registry.Client;
import io.tokengate.registry.ClientAuthMethod;
import io.tokengate.registry.ClientType;
import io.tokengate.testing.MutableClock;
import io.tokengate.testing.TestCertificates;
import io.tokengate.testing.TestClients;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RegistrationRulesTest {
    static final GrantCatalog GRANTS = new GrantCatalog(List.of("client_credentials", "password", "refresh_token",
            "tls_client_auth"), Set.of());

    private final TestCertificates pki = TestCertificates.create();
    private final MutableClock clock = new MutableClock(pki.now());
    private final RegistrationRules rules = new RegistrationRules(GRANTS, TestClients.registry(), clock);
    private final java.security.cert.X509Certificate certificate =
            pki.clientIssuedByIntermediate("CN=batch").certificate();

    @Test
    void checkWhenTrustedWithImportedCertificateThenAccepted() {
        assertDoesNotThrow(() -> rules.check(TestClients.withImportedCertificate("batch", certificate)
                .clientType(ClientType.TRUSTED).build()));
    }

    @Test
    void checkWhenMobileWithoutGrantsThenAccepted() {
        assertDoesNotThrow(() -> rules.check(TestClients.mobile("app").build()));
    }

    @Test
    void checkWhenMobileWithTlsClientAuthGrantThenRefused() {
        assertRefused(TestClients.mobile("app").grantType("tls_client_auth").build(),
                "a mobile application cannot use grant 'tls_client_auth'");
    }

    @Test
    void checkWhenMobileWithClientCredentialsThenRefused() {
        assertRefused(TestClients.mobile("app").grantType("client_credentials").build(),
                "a mobile application cannot use grant 'client_credentials'");
    }

    @Test
    void checkWhenMobileMarkedTrustedThenRefused() {
        assertRefused(TestClients.mobile("app").clientType(ClientType.TRUSTED).build(),
                "a mobile application is a public client: client_type must be 'public' or omitted, not 'trusted'");
    }

    @Test
    void checkWhenConfidentialApplicationMarkedPublicThenRefused() {
        assertRefused(TestClients.secret("app").clientType(ClientType.PUBLIC).build(),
                "client_type 'public' is only for mobile applications");
    }

    @Test
    void checkWhenTrustedWithoutCertificateThenRefused() {
        assertRefused(TestClients.secret("app").clientType(ClientType.TRUSTED).build(),
                "a trusted client needs an imported 'certificate' (PEM)");
    }

    @Test
    void checkWhenTrustedWithSubjectDnOnlyThenRefused() {
        assertRefused(TestClients.pkiBySubjectDn("pki", "CN=pki").clientType(ClientType.TRUSTED).build(),
                "a trusted client needs an imported 'certificate'");
    }

    @Test
    void checkWhenGrantNotServedThenRefusedListingServedGrants() {
        assertRefused(TestClients.secret("app").grantType("authorization_code").build(),
                "grant_types entry 'authorization_code' is not a grant this server serves; it serves [client_credentials,");
    }

    @Test
    void checkWhenTlsClientAuthMethodWithoutCertificateThenClientProfilesMessage() {
        assertRefused(Client.builder("app").grantType("client_credentials").authMethod(ClientAuthMethod.TLS_CLIENT_AUTH).build(),
                "client app: tls_client_auth needs an imported 'certificate'");
    }

    @Test
    void checkWhenTlsClientAuthGrantWithSecretMethodThenRefused() {
        assertRefused(TestClients.secret("app").grantType("tls_client_auth").build(),
                "grant 'tls_client_auth' authenticates the client by its certificate");
    }

    @Test
    void checkWhenCertificateExpiredThenRefused() {
        Client client = TestClients.withImportedCertificate("batch", certificate).build();
        clock.advance(TestCertificates.LEAF_VALIDITY.plus(Duration.ofDays(1)));

        assertRefused(client, "expired at");
    }

    @Test
    void checkWhenRoleUnknownThenRefused() {
        assertRefused(TestClients.secret("app").role("admins").build(),
                "roles entry 'admins' is not an application role of this server");
    }

    private void assertRefused(Client client, String expected) {
        OAuth2Exception e = assertThrows(OAuth2Exception.class, () -> rules.check(client));
        assertEquals(ErrorCode.INVALID_CLIENT_METADATA, e.code());
        assertTrue(e.description().contains(expected), () -> "'" + expected + "' not in: " + e.description());
    }

    @Test
    void checkWhenImportedCertificateRevokedThenRefusedSayingRevoked() {
        try (io.tokengate.testing.TestCrlServer crls = io.tokengate.testing.TestCrlServer.start()) {
            var revoked = pki.certificate("CN=revoked-batch").crlDistributionPoint(crls.url()).build();
            crls.publish(io.tokengate.testing.TestCrlServer.crl(pki.intermediate(), clock.instant(),
                    clock.instant().plus(Duration.ofHours(1)), java.util.Map.of(revoked.certificate().getSerialNumber(),
                            clock.instant())));
            var validator = new io.tokengate.cert.validation.CachingCertificateValidator(
                    io.tokengate.cert.validation.CertificateValidationSettings.builder()
                            .anchor(pki.root().certificate(), io.tokengate.cert.validation.RevocationPolicy.defaults())
                            .intermediates(List.of(pki.intermediate().certificate())).build(), clock);
            RegistrationRules checked = new RegistrationRules(GRANTS, TestClients.registry(), clock,
                    io.tokengate.cert.validation.CertificateImportCheck.using(validator));

            assertRefused(checked, TestClients.withImportedCertificate("batch", revoked.certificate()).build(),
                    "the certificate cannot be imported");
        }
    }

    private static void assertRefused(RegistrationRules rules, Client client, String part) {
        OAuth2Exception e = assertThrows(OAuth2Exception.class, () -> rules.check(client));
        assertEquals(ErrorCode.INVALID_CLIENT_METADATA, e.code());
        assertTrue(e.description().contains(part) && e.description().contains("revoked"), e.description());
    }
}
