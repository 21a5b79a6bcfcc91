package io.tokengate.clientauth;

import static io.tokengate.testing.OAuth2Assertions.assertDescriptionContains;
import static io.tokengate.testing.OAuth2Assertions.assertOAuth2Error;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.tokengate.cert.ClientCertificate;
import io.tokengate.cert.PkixValidator;
import io.tokengate.error.ErrorCode;
import io.tokengate.error.OAuth2Exception;
import io.tokengate.http.TokenRequest;
import io.tokengate.registry.CertificateSubject;
import io.tokengate.registry.Client;
import io.tokengate.registry.ClientAuthMethod;
import io.tokengate.testing.IssuedCertificate;
import io.tokengate.testing.TestCertificates;
import io.tokengate.testing.TestClients;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TlsClientAuthenticatorTest {
    private static final String DN = "CN=orders-service, O=Example";

    private final TestCertificates pki = TestCertificates.create();
    private final TlsClientAuthenticator authenticator = new TlsClientAuthenticator(io.tokengate.cert.validation.CachingCertificateValidator.withoutRevocation(List.of(pki.root().certificate()), java.time.Duration.ZERO, pki.clock()));

    @Test
    void methodWhenAskedThenTlsClientAuth() {
        assertEquals(ClientAuthMethod.TLS_CLIENT_AUTH, authenticator.method());
    }

    @Test
    void isPresentInWhenCertificatePresentedThenStillFalse() {
        IssuedCertificate certificate = pki.clientIssuedByIntermediate(DN);

        assertFalse(authenticator.isPresentIn(request(certificate.presented())));
    }

    @Test
    void authenticateWhenImportedCertificatePresentedThenAuthenticatedAndBound() {
        IssuedCertificate certificate = pki.selfSigned(DN);
        Client client = TestClients.withImportedCertificate("orders-service", certificate.certificate()).build();

        AuthenticatedClient authenticated = authenticator.authenticate(request(certificate.presented()), client);

        assertEquals(ClientAuthMethod.TLS_CLIENT_AUTH, authenticated.method());
        assertEquals(certificate.certificate(), authenticated.certificate().orElseThrow().leaf());
        assertEquals(Optional.of(certificate.thumbprint()), authenticated.boundThumbprint());
    }

    @Test
    void authenticateWhenImportedCertificateIssuedByUnknownCaThenStillAuthenticatedByPin() {
        IssuedCertificate certificate = TestCertificates.at(pki.now()).clientIssuedByIntermediate(DN);
        Client client = TestClients.withImportedCertificate("orders-service", certificate.certificate()).build();

        assertEquals(ClientAuthMethod.TLS_CLIENT_AUTH,
                authenticator.authenticate(request(certificate.presented()), client).method());
    }

    @Test
    void authenticateWhenOtherCertificateThanImportedThenInvalidClient() {
        IssuedCertificate registered = pki.clientIssuedByIntermediate(DN);
        IssuedCertificate other = pki.clientIssuedByIntermediate(DN);
        Client client = TestClients.withImportedCertificate("orders-service", registered.certificate()).build();

        OAuth2Exception e = assertOAuth2Error(ErrorCode.INVALID_CLIENT,
                () -> authenticator.authenticate(request(other.presented()), client));

        assertDescriptionContains(e, "does not match the certificate registered for client orders-service");
    }

    @Test
    void authenticateWhenImportedCertificateExpiredThenInvalidClient() {
        IssuedCertificate expired = pki.expired(DN);
        Client client = TestClients.withImportedCertificate("orders-service", expired.certificate()).build();

        OAuth2Exception e = assertOAuth2Error(ErrorCode.INVALID_CLIENT,
                () -> authenticator.authenticate(request(expired.presented()), client));

        assertDescriptionContains(e, "expired at " + expired.certificate().getNotAfter().toInstant());
    }

    @Test
    void authenticateWhenImportedCertificateNotYetValidThenInvalidClient() {
        IssuedCertificate early = pki.notYetValid(DN);
        Client client = TestClients.withImportedCertificate("orders-service", early.certificate()).build();

        OAuth2Exception e = assertOAuth2Error(ErrorCode.INVALID_CLIENT,
                () -> authenticator.authenticate(request(early.presented()), client));

        assertDescriptionContains(e, "is not valid before " + early.certificate().getNotBefore().toInstant());
    }

    @Test
    void authenticateWhenClockPassesImportedCertificateExpiryThenInvalidClient() {
        IssuedCertificate certificate = pki.clientIssuedByIntermediate(DN);
        Client client = TestClients.withImportedCertificate("orders-service", certificate.certificate()).build();
        Clock later = Clock.offset(pki.clock(), TestCertificates.LEAF_VALIDITY.plus(Duration.ofSeconds(1)));
        TlsClientAuthenticator afterExpiry = new TlsClientAuthenticator(io.tokengate.cert.validation.CachingCertificateValidator.withoutRevocation(List.of(pki.root().certificate()), java.time.Duration.ZERO, later));

        OAuth2Exception e = assertOAuth2Error(ErrorCode.INVALID_CLIENT,
                () -> afterExpiry.authenticate(request(certificate.presented()), client));

        assertDescriptionContains(e, "expired");
    }

    @Test
    void authenticateWhenNoCertificatePresentedThenInvalidClient() {
        Client client = TestClients.withImportedCertificate("orders-service",
                pki.clientIssuedByIntermediate(DN).certificate()).build();
        TokenRequest withoutCertificate = new TokenRequest(Map.of("grant_type", "tls_client_auth"), Optional.empty(),
                Optional.empty(), "203.0.113.7");

        OAuth2Exception e = assertOAuth2Error(ErrorCode.INVALID_CLIENT,
                () -> authenticator.authenticate(withoutCertificate, client));

        assertDescriptionContains(e, "no client certificate was presented");
    }

    @Test
    void authenticateWhenSubjectDnMatchesAndChainsToAnchorThenAuthenticated() {
        IssuedCertificate certificate = pki.clientIssuedByIntermediate(DN);
        Client client = TestClients.pkiBySubjectDn("orders-service", DN).build();

        AuthenticatedClient authenticated = authenticator.authenticate(request(certificate.presented()), client);

        assertEquals(ClientAuthMethod.TLS_CLIENT_AUTH, authenticated.method());
        assertEquals(Optional.of(certificate.thumbprint()), authenticated.boundThumbprint());
    }

    @Test
    void authenticateWhenSelfSignedCertificateCarriesRegisteredDnThenInvalidClient() {
        IssuedCertificate forged = pki.selfSigned(DN);
        Client client = TestClients.pkiBySubjectDn("orders-service", DN).build();

        OAuth2Exception e = assertOAuth2Error(ErrorCode.INVALID_CLIENT,
                () -> authenticator.authenticate(request(forged.presented()), client));

        assertDescriptionContains(e, "does not chain to a trusted CA");
    }

    @Test
    void authenticateWhenUnknownCaIssuedRegisteredDnThenInvalidClient() {
        IssuedCertificate stranger = TestCertificates.at(pki.now()).clientIssuedByIntermediate(DN);
        Client client = TestClients.pkiBySubjectDn("orders-service", DN).build();

        assertOAuth2Error(ErrorCode.INVALID_CLIENT, () -> authenticator.authenticate(request(stranger.presented()), client));
    }

    @Test
    void authenticateWhenTrustedCertificateCarriesOtherDnThenInvalidClient() {
        IssuedCertificate otherService = pki.clientIssuedByIntermediate("CN=billing-service, O=Example");
        Client client = TestClients.pkiBySubjectDn("orders-service", DN).build();

        OAuth2Exception e = assertOAuth2Error(ErrorCode.INVALID_CLIENT,
                () -> authenticator.authenticate(request(otherService.presented()), client));

        assertDescriptionContains(e, "does not carry the tls_client_auth_subject_dn=" + DN);
    }

    @Test
    void authenticateWhenPkiCertificateExpiredThenInvalidClient() {
        IssuedCertificate expired = pki.expired(DN);
        Client client = TestClients.pkiBySubjectDn("orders-service", DN).build();

        OAuth2Exception e = assertOAuth2Error(ErrorCode.INVALID_CLIENT,
                () -> authenticator.authenticate(request(expired.presented()), client));

        assertDescriptionContains(e, "expired");
    }

    @Test
    void authenticateWhenSanDnsMatchesThenAuthenticated() {
        IssuedCertificate certificate = pki.certificate("CN=anything").sanDns("orders.example.test").build();
        Client client = TestClients.pkiBy("orders-service",
                new CertificateSubject(CertificateSubject.Type.SAN_DNS, "orders.example.test")).build();

        assertEquals(ClientAuthMethod.TLS_CLIENT_AUTH,
                authenticator.authenticate(request(certificate.presented()), client).method());
    }

    @Test
    void authenticateWhenSanDnsDiffersThenInvalidClient() {
        IssuedCertificate certificate = pki.certificate("CN=orders.example.test").sanDns("billing.example.test").build();
        Client client = TestClients.pkiBy("orders-service",
                new CertificateSubject(CertificateSubject.Type.SAN_DNS, "orders.example.test")).build();

        assertOAuth2Error(ErrorCode.INVALID_CLIENT, () -> authenticator.authenticate(request(certificate.presented()), client));
    }

    @Test
    void authenticateWhenSubjectClientAndNoTrustAnchorsThenInvalidClient() {
        TlsClientAuthenticator withoutAnchors = new TlsClientAuthenticator(io.tokengate.cert.validation.CachingCertificateValidator.withoutRevocation(List.of(), java.time.Duration.ZERO, pki.clock()));
        Client client = TestClients.pkiBySubjectDn("orders-service", DN).build();

        OAuth2Exception e = assertOAuth2Error(ErrorCode.INVALID_CLIENT, () -> withoutAnchors.authenticate(
                request(pki.clientIssuedByIntermediate(DN).presented()), client));

        assertDescriptionContains(e, "no trusted CA configured");
    }

    private static TokenRequest request(ClientCertificate certificate) {
        return new TokenRequest(Map.of("grant_type", "tls_client_auth", "client_id", "orders-service"), Optional.empty(),
                Optional.of(certificate), "203.0.113.7");
    }
}
