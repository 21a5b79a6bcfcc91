package io.tokengate.clientauth;

import static io.tokengate.testing.OAuth2Assertions.assertDescriptionContains;
import static io.tokengate.testing.OAuth2Assertions.assertOAuth2Error;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tokengate.cert.ClientCertificate;
import io.tokengate.cert.validation.CachingCertificateValidator;
import io.tokengate.cert.validation.CertificateValidationSettings;
import io.tokengate.cert.validation.RevocationMethod;
import io.tokengate.cert.validation.RevocationPolicy;
import io.tokengate.error.ErrorCode;
import io.tokengate.error.OAuth2Exception;
import io.tokengate.http.TokenRequest;
import io.tokengate.registry.Client;
import io.tokengate.testing.IssuedCertificate;
import io.tokengate.testing.MutableClock;
import io.tokengate.testing.TestCertificates;
import io.tokengate.testing.TestClients;
import io.tokengate.testing.TestOcspResponder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The certificate authenticators with a real OCSP responder behind the validator: each refusal is
 * {@code invalid_client} with a description naming the certificate, the client and what to do,
 * whether the certificate came from the TLS handshake or a trusted proxy's {@code Client-Cert}.
 */
class CertificateRevocationAuthenticationTest {
    private static final String DN = "CN=orders-service, O=Example";

    private final TestCertificates pki = TestCertificates.create();
    private final MutableClock clock = new MutableClock(pki.now());
    private final TestOcspResponder responder = TestOcspResponder.start(pki.intermediate(), clock);
    private final IssuedCertificate certificate = pki.certificate(DN).ocspResponder(responder.url()).build();

    @AfterEach
    void stop() {
        responder.close();
    }

    private CachingCertificateValidator validator(boolean failOpen) {
        return new CachingCertificateValidator(CertificateValidationSettings.builder()
                .anchor(pki.root().certificate(), RevocationPolicy.builder().methods(List.of(RevocationMethod.OCSP))
                        .failOpen(failOpen).timeout(Duration.ofSeconds(2)).build()).build(), clock);
    }

    private static TokenRequest request(ClientCertificate presented) {
        return new TokenRequest(Map.of("grant_type", "tls_client_auth", "client_id", "orders-service"), Optional.empty(),
                Optional.of(presented), "203.0.113.7");
    }

    @Test
    void authenticateWhenImportedCertificateRevokedThenInvalidClientSayingRevoked() {
        responder.revoke(certificate.certificate(), clock.instant());
        Client client = TestClients.withImportedCertificate("orders-service", certificate.certificate()).build();

        OAuth2Exception e = assertOAuth2Error(ErrorCode.INVALID_CLIENT, () -> new TlsClientAuthenticator(validator(false))
                .authenticate(request(certificate.presented()), client));

        assertDescriptionContains(e, "is revoked at");
        assertDescriptionContains(e, "client orders-service needs a new certificate");
        assertDescriptionContains(e, certificate.certificate().getSerialNumber().toString(16));
    }

    @Test
    void authenticateWhenPkiCertificateRevokedThenInvalidClient() {
        responder.revoke(certificate.certificate(), clock.instant());
        Client client = TestClients.pkiBySubjectDn("orders-service", DN).build();

        OAuth2Exception e = assertOAuth2Error(ErrorCode.INVALID_CLIENT, () -> new TlsClientAuthenticator(validator(false))
                .authenticate(request(certificate.presented()), client));

        assertDescriptionContains(e, "revoked");
    }

    @Test
    void authenticateWhenRevokedCertificateComesFromTrustedProxyHeaderThenInvalidClient() {
        responder.revoke(certificate.certificate(), clock.instant());
        Client client = TestClients.pkiBySubjectDn("orders-service", DN).build();

        OAuth2Exception e = assertOAuth2Error(ErrorCode.INVALID_CLIENT, () -> new TlsClientAuthenticator(validator(false))
                .authenticate(request(certificate.presented(ClientCertificate.Source.TRUSTED_PROXY_HEADER)), client));

        assertDescriptionContains(e, "revoked");
    }

    @Test
    void authenticateWhenSelfSignedMethodWithRevokedCaIssuedCertificateThenInvalidClient() {
        responder.revoke(certificate.certificate(), clock.instant());
        Client client = TestClients.selfSigned("orders-service", certificate.certificate()).build();

        OAuth2Exception e = assertOAuth2Error(ErrorCode.INVALID_CLIENT, () -> new SelfSignedTlsClientAuthenticator(
                validator(false)).authenticate(request(certificate.presented()), client));

        assertDescriptionContains(e, "revoked");
    }

    @Test
    void authenticateWhenResponderDownAndFailingClosedThenInvalidClientSayingTryLater() {
        responder.close();
        Client client = TestClients.pkiBySubjectDn("orders-service", DN).build();

        OAuth2Exception e = assertOAuth2Error(ErrorCode.INVALID_CLIENT, () -> new TlsClientAuthenticator(validator(false))
                .authenticate(request(certificate.presented()), client));

        assertDescriptionContains(e, "could not be checked");
        assertDescriptionContains(e, "try again later");
    }

    @Test
    void authenticateWhenResponderDownAndFailingOpenThenAuthenticated() {
        responder.close();
        Client client = TestClients.pkiBySubjectDn("orders-service", DN).build();

        AuthenticatedClient authenticated = new TlsClientAuthenticator(validator(true))
                .authenticate(request(certificate.presented()), client);

        assertEquals("orders-service", authenticated.client().clientId());
    }

    @Test
    void authenticateWhenCertificateFromUnknownCaForPkiClientThenInvalidClientSayingUnknownIssuer() {
        IssuedCertificate foreign = TestCertificates.create().certificate(DN).build();
        Client client = TestClients.pkiBySubjectDn("orders-service", DN).build();

        OAuth2Exception e = assertOAuth2Error(ErrorCode.INVALID_CLIENT, () -> new TlsClientAuthenticator(validator(false))
                .authenticate(request(foreign.presentedWithoutChain(ClientCertificate.Source.TLS_HANDSHAKE)), client));

        assertDescriptionContains(e, "unknown to this server");
    }
}
