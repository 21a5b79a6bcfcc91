package io.tokengate.clientauth;

import static io.tokengate.testing.OAuth2Assertions.assertDescriptionContains;
import static io.tokengate.testing.OAuth2Assertions.assertOAuth2Error;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.tokengate.cert.ClientCertificate;
import io.tokengate.error.ErrorCode;
import io.tokengate.error.OAuth2Exception;
import io.tokengate.http.TokenRequest;
import io.tokengate.registry.Client;
import io.tokengate.registry.ClientAuthMethod;
import io.tokengate.testing.IssuedCertificate;
import io.tokengate.testing.TestCertificates;
import io.tokengate.testing.TestClients;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SelfSignedTlsClientAuthenticatorTest {
    private static final String DN = "CN=device-42, O=Example";

    private final TestCertificates pki = TestCertificates.create();
    private final SelfSignedTlsClientAuthenticator authenticator = new SelfSignedTlsClientAuthenticator(io.tokengate.cert.validation.CachingCertificateValidator.withoutRevocation(java.util.List.of(pki.root().certificate()), java.time.Duration.ZERO, pki.clock()));
    private final IssuedCertificate registered = pki.selfSigned(DN);
    private final Client client = TestClients.selfSigned("device-42", registered.certificate()).build();

    @Test
    void methodWhenAskedThenSelfSignedTlsClientAuth() {
        assertEquals(ClientAuthMethod.SELF_SIGNED_TLS_CLIENT_AUTH, authenticator.method());
    }

    @Test
    void isPresentInWhenCertificatePresentedThenStillFalse() {
        assertFalse(authenticator.isPresentIn(request(registered.presented())));
    }

    @Test
    void authenticateWhenRegisteredX5cPresentedThenAuthenticatedAndBound() {
        AuthenticatedClient authenticated = authenticator.authenticate(request(registered.presented()), client);

        assertEquals(ClientAuthMethod.SELF_SIGNED_TLS_CLIENT_AUTH, authenticated.method());
        assertEquals(Optional.of(registered.thumbprint()), authenticated.boundThumbprint());
    }

    @Test
    void authenticateWhenRegisteredAsSecondKeyOfJwksThenAuthenticated() {
        IssuedCertificate previous = pki.selfSigned(DN);
        Client rotating = TestClients.selfSigned("device-42", previous.certificate())
                .jwks(TestClients.jwksOf(previous.certificate(), registered.certificate())).build();

        assertEquals(ClientAuthMethod.SELF_SIGNED_TLS_CLIENT_AUTH,
                authenticator.authenticate(request(registered.presented()), rotating).method());
    }

    @Test
    void authenticateWhenCaIssuedLeafRegisteredInX5cThenAuthenticated() {
        IssuedCertificate caIssued = pki.clientIssuedByIntermediate(DN);
        Client byX5c = TestClients.selfSigned("device-42", caIssued.certificate()).build();

        assertEquals(ClientAuthMethod.SELF_SIGNED_TLS_CLIENT_AUTH,
                authenticator.authenticate(request(caIssued.presented()), byX5c).method());
    }

    @Test
    void authenticateWhenOtherCertificateWithSameSubjectThenInvalidClient() {
        IssuedCertificate impostor = pki.selfSigned(DN);

        OAuth2Exception e = assertOAuth2Error(ErrorCode.INVALID_CLIENT,
                () -> authenticator.authenticate(request(impostor.presented()), client));

        assertDescriptionContains(e, "is not among the certificates registered in the JWKS of client device-42");
    }

    @Test
    void authenticateWhenRegisteredCertificateExpiredThenInvalidClient() {
        IssuedCertificate expired = pki.certificate(DN).selfSigned()
                .validity(pki.now().minusSeconds(7200), pki.now().minusSeconds(60)).build();
        Client withExpired = TestClients.selfSigned("device-42", expired.certificate()).build();

        OAuth2Exception e = assertOAuth2Error(ErrorCode.INVALID_CLIENT,
                () -> authenticator.authenticate(request(expired.presented()), withExpired));

        assertDescriptionContains(e, "expired");
    }

    @Test
    void authenticateWhenNoCertificatePresentedThenInvalidClient() {
        TokenRequest withoutCertificate = new TokenRequest(Map.of("client_id", "device-42"), Optional.empty(),
                Optional.empty(), "203.0.113.7");

        OAuth2Exception e = assertOAuth2Error(ErrorCode.INVALID_CLIENT,
                () -> authenticator.authenticate(withoutCertificate, client));

        assertDescriptionContains(e, "no client certificate was presented");
        assertDescriptionContains(e, "self_signed_tls_client_auth");
    }

    private static TokenRequest request(ClientCertificate certificate) {
        return new TokenRequest(Map.of("grant_type", "client_credentials", "client_id", "device-42"), Optional.empty(),
                Optional.of(certificate), "203.0.113.7");
    }
}
