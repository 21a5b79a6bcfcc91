package io.tokengate.clientauth;

import static io.tokengate.clientauth.ClientSecretBasicAuthenticatorTest.basic;
import static io.tokengate.clientauth.ClientSecretBasicAuthenticatorTest.basicRaw;
import static io.tokengate.testing.OAuth2Assertions.assertDescriptionContains;
import static io.tokengate.testing.OAuth2Assertions.assertOAuth2Error;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.Mockito.mock;

import com.nimbusds.jose.jwk.ECKey;
import io.tokengate.assertion.jwt.AssertionKeys;
import io.tokengate.assertion.jwt.JwksFetcher;
import io.tokengate.assertion.jwt.JwtAssertionVerifier;
import io.tokengate.cert.ClientCertificate;
import io.tokengate.cert.PkixValidator;
import io.tokengate.error.ErrorCode;
import io.tokengate.error.OAuth2Exception;
import io.tokengate.http.TokenRequest;
import io.tokengate.registry.ClientAuthMethod;
import io.tokengate.replay.InMemoryReplayCache;
import io.tokengate.testing.IssuedCertificate;
import io.tokengate.testing.TestCertificates;
import io.tokengate.testing.TestClients;
import io.tokengate.testing.TestJwts;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClientAuthenticationTest {
    private static final String PKI_DN = "CN=orders-service, O=Example";
    private static final String AS = "https://as.example.test";
    private static final String TOKEN_ENDPOINT = AS + "/oauth2/v1/token";
    private static final String JWT_BEARER_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    private static final Duration SKEW = Duration.ofSeconds(60);

    private final TestCertificates pki = TestCertificates.create();
    private final IssuedCertificate imported = pki.clientIssuedByIntermediate("CN=imported, O=Example");
    private final IssuedCertificate selfSigned = pki.selfSigned("CN=device-42, O=Example");
    private final IssuedCertificate signerCertificate = pki.clientIssuedByIntermediate("CN=signer, O=Example");
    private final IssuedCertificate billingCertificate = pki.clientIssuedByIntermediate("CN=billing, O=Example");
    private final ClientAuthentication authentication = new ClientAuthentication(
            TestClients.registry(
                    TestClients.withImportedCertificate("imported", imported.certificate()).build(),
                    TestClients.pkiBySubjectDn("orders-service", PKI_DN).build(),
                    TestClients.selfSigned("device-42", selfSigned.certificate()).build(),
                    TestClients.secret("batch").build(),
                    TestClients.secret("special", "p@ss+w%rd").build(),
                    TestClients.mobile("mobile-app").build(),
                    TestClients.privateKeyJwt("signer", signerCertificate.certificate()).build(),
                    TestClients.privateKeyJwt("billing", billingCertificate.certificate()).build()),
            List.of(new TlsClientAuthenticator(io.tokengate.cert.validation.CachingCertificateValidator.withoutRevocation(List.of(pki.root().certificate()), java.time.Duration.ZERO, pki.clock())),
                    new SelfSignedTlsClientAuthenticator(io.tokengate.cert.validation.CachingCertificateValidator.withoutRevocation(java.util.List.of(pki.root().certificate()), java.time.Duration.ZERO, pki.clock())),
                    new ClientSecretBasicAuthenticator(),
                    new ClientSecretPostAuthenticator(),
                    new PrivateKeyJwtAuthenticator(new JwtAssertionVerifier(pki.clock()),
                            new AssertionKeys(mock(JwksFetcher.class)), new InMemoryReplayCache(pki.clock(), SKEW),
                            Set.of(AS, TOKEN_ENDPOINT), Duration.ofHours(1), SKEW)));

    @Test
    void authenticateWhenBasicCredentialsRightThenClientSecretBasic() {
        AuthenticatedClient client = authentication.authenticate(request(Map.of(), basic("batch", TestClients.SECRET), null));

        assertEquals("batch", client.clientId());
        assertEquals(ClientAuthMethod.CLIENT_SECRET_BASIC, client.method());
    }

    @Test
    void authenticateWhenBasicSecretFormUrlEncodedThenDecodedPerRfc6749() {
        AuthenticatedClient client = authentication.authenticate(
                request(Map.of(), basicRaw("special:p%40ss%2Bw%25rd"), null));

        assertEquals("special", client.clientId());
    }

    @Test
    void authenticateWhenBasicAndMatchingClientIdParameterThenAuthenticated() {
        AuthenticatedClient client = authentication.authenticate(
                request(Map.of("client_id", "batch"), basic("batch", TestClients.SECRET), null));

        assertEquals(ClientAuthMethod.CLIENT_SECRET_BASIC, client.method());
    }

    @Test
    void authenticateWhenClientSecretPostRightThenClientSecretPost() {
        AuthenticatedClient client = authentication.authenticate(
                request(Map.of("client_id", "batch", "client_secret", TestClients.SECRET), null, null));

        assertEquals(ClientAuthMethod.CLIENT_SECRET_POST, client.method());
    }

    @Test
    void authenticateWhenBasicNotBase64ThenInvalidClient() {
        assertOAuth2Error(ErrorCode.INVALID_CLIENT, () -> authentication.authenticate(request(Map.of(), "Basic %%%", null)));
    }

    @Test
    void authenticateWhenBasicSecretWrongThenInvalidClient() {
        assertOAuth2Error(ErrorCode.INVALID_CLIENT,
                () -> authentication.authenticate(request(Map.of(), basic("batch", "wrong"), null)));
    }

    @Test
    void authenticateWhenBasicAndClientSecretParameterThenInvalidRequest() {
        OAuth2Exception e = assertOAuth2Error(ErrorCode.INVALID_REQUEST, () -> authentication.authenticate(request(
                Map.of("client_secret", TestClients.SECRET), basic("batch", TestClients.SECRET), null)));

        assertDescriptionContains(e, "more than one client authentication method (client_secret_basic and client_secret_post)");
    }

    @Test
    void authenticateWhenClientIdParameterDiffersFromBasicThenInvalidRequest() {
        OAuth2Exception e = assertOAuth2Error(ErrorCode.INVALID_REQUEST, () -> authentication.authenticate(
                request(Map.of("client_id", "special"), basic("batch", TestClients.SECRET), null)));

        assertDescriptionContains(e, "client_id 'special' differs from the client in the Authorization header");
    }

    @Test
    void authenticateWhenClientUnknownThenInvalidClient() {
        OAuth2Exception e = assertOAuth2Error(ErrorCode.INVALID_CLIENT,
                () -> authentication.authenticate(request(Map.of(), basic("ghost", "whatever"), null)));

        assertDescriptionContains(e, "client ghost is not registered");
    }

    @Test
    void authenticateWhenNoClientIdAnywhereThenInvalidClient() {
        OAuth2Exception e = assertOAuth2Error(ErrorCode.INVALID_CLIENT,
                () -> authentication.authenticate(request(Map.of(), null, imported.presented())));

        assertDescriptionContains(e, "client authentication is required");
    }

    @Test
    void authenticateWhenMethodNotRegisteredForClientThenInvalidClient() {
        OAuth2Exception e = assertOAuth2Error(ErrorCode.INVALID_CLIENT, () -> authentication.authenticate(
                request(Map.of("client_id", "imported", "client_secret", "guess"), null, imported.presented())));

        assertDescriptionContains(e, "client imported is not registered for client_secret_post; it must authenticate with tls_client_auth");
    }

    @Test
    void authenticateWhenCertificateClientPresentsNoCertificateThenInvalidClientSayingSo() {
        OAuth2Exception e = assertOAuth2Error(ErrorCode.INVALID_CLIENT,
                () -> authentication.authenticate(request(Map.of("client_id", "imported"), null, null)));

        assertDescriptionContains(e, "no client certificate was presented");
    }

    @Test
    void authenticateWhenImportedCertificatePresentedThenTlsClientAuth() {
        AuthenticatedClient client = authentication.authenticate(
                request(Map.of("client_id", "imported"), null, imported.presented()));

        assertEquals(ClientAuthMethod.TLS_CLIENT_AUTH, client.method());
        assertEquals(Optional.of(imported.thumbprint()), client.boundThumbprint());
    }

    @Test
    void authenticateWhenPkiCertificatePresentedThenTlsClientAuth() {
        IssuedCertificate certificate = pki.clientIssuedByIntermediate(PKI_DN);

        AuthenticatedClient client = authentication.authenticate(
                request(Map.of("client_id", "orders-service"), null, certificate.presented()));

        assertEquals(ClientAuthMethod.TLS_CLIENT_AUTH, client.method());
    }

    @Test
    void authenticateWhenImportedClientPresentsOtherCertificateThenInvalidClient() {
        IssuedCertificate other = pki.clientIssuedByIntermediate("CN=imported, O=Example");

        OAuth2Exception e = assertOAuth2Error(ErrorCode.INVALID_CLIENT, () -> authentication.authenticate(
                request(Map.of("client_id", "imported"), null, other.presented())));

        assertDescriptionContains(e, "does not match the certificate registered for client imported");
    }

    @Test
    void authenticateWhenSelfSignedCertificatePresentedThenSelfSignedTlsClientAuth() {
        AuthenticatedClient client = authentication.authenticate(
                request(Map.of("client_id", "device-42"), null, selfSigned.presented()));

        assertEquals(ClientAuthMethod.SELF_SIGNED_TLS_CLIENT_AUTH, client.method());
    }

    @Test
    void authenticateWhenSecretClientSendsNoCredentialsThenInvalidClientNamingItsMethods() {
        OAuth2Exception e = assertOAuth2Error(ErrorCode.INVALID_CLIENT,
                () -> authentication.authenticate(request(Map.of("client_id", "batch"), null, null)));

        assertDescriptionContains(e, "client batch sent no credentials; it must authenticate with client_secret_basic or client_secret_post");
    }

    @Test
    void authenticateWhenSecretClientAlsoPresentsCertificateThenSecretMethodAndTokenNotBound() {
        AuthenticatedClient client = authentication.authenticate(
                request(Map.of(), basic("batch", TestClients.SECRET), imported.presented()));

        assertEquals(ClientAuthMethod.CLIENT_SECRET_BASIC, client.method());
        assertEquals(Optional.empty(), client.boundThumbprint());
    }

    @Test
    void authenticateWhenMobileAppSendsClientIdThenPublicClientWithMethodNone() {
        AuthenticatedClient client = authentication.authenticate(request(Map.of("client_id", "mobile-app"), null, null));

        assertEquals(ClientAuthMethod.NONE, client.method());
        assertEquals(Optional.empty(), client.certificate());
    }

    @Test
    void authenticateWhenMobileAppPresentsCertificateThenMethodNoneAndCertificateNotKept() {
        AuthenticatedClient client = authentication.authenticate(
                request(Map.of("client_id", "mobile-app"), null, imported.presented()));

        assertEquals(ClientAuthMethod.NONE, client.method());
        assertEquals(Optional.empty(), client.boundThumbprint());
    }

    @Test
    void authenticateWhenMobileAppSendsSecretThenInvalidClient() {
        assertOAuth2Error(ErrorCode.INVALID_CLIENT, () -> authentication.authenticate(
                request(Map.of("client_id", "mobile-app", "client_secret", "x"), null, null)));
    }

    @Test
    void authenticateWhenClientAssertionSignedByRegisteredCertificateKeyThenPrivateKeyJwt() {
        AuthenticatedClient client = authentication.authenticate(request(Map.of("client_id", "signer",
                "client_assertion_type", JWT_BEARER_TYPE, "client_assertion", clientAssertion("signer").sign(signerKey())),
                null, null));

        assertEquals("signer", client.clientId());
        assertEquals(ClientAuthMethod.PRIVATE_KEY_JWT, client.method());
        assertEquals(Optional.empty(), client.boundThumbprint());
    }

    @Test
    void authenticateWhenClientIdAbsentThenClientFoundByAssertionIssuer() {
        AuthenticatedClient client = authentication.authenticate(request(Map.of(
                "client_assertion_type", JWT_BEARER_TYPE, "client_assertion", clientAssertion("signer").sign(signerKey())),
                null, null));

        assertEquals("signer", client.clientId());
        assertEquals(ClientAuthMethod.PRIVATE_KEY_JWT, client.method());
    }

    @Test
    void authenticateWhenClientAssertionTypeWrongThenInvalidClient() {
        OAuth2Exception e = assertOAuth2Error(ErrorCode.INVALID_CLIENT, () -> authentication.authenticate(request(Map.of(
                "client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:saml2-bearer",
                "client_assertion", clientAssertion("signer").sign(signerKey())), null, null)));

        assertDescriptionContains(e, "client_assertion_type must be " + JWT_BEARER_TYPE);
    }

    @Test
    void authenticateWhenClientAssertionSubjectIsAnotherClientThenInvalidClient() {
        String assertion = clientAssertion("signer").subject("billing").sign(signerKey());

        OAuth2Exception e = assertOAuth2Error(ErrorCode.INVALID_CLIENT, () -> authentication.authenticate(request(Map.of(
                "client_assertion_type", JWT_BEARER_TYPE, "client_assertion", assertion), null, null)));

        assertDescriptionContains(e, "the client assertion sub must be signer");
    }

    @Test
    void authenticateWhenClientIdNamesOtherClientThanAssertionIssuerThenInvalidRequest() {
        String billingAssertion = clientAssertion("billing").sign(TestJwts.signingKeyOf(billingCertificate));

        OAuth2Exception e = assertOAuth2Error(ErrorCode.INVALID_REQUEST, () -> authentication.authenticate(request(Map.of(
                "client_id", "signer", "client_assertion_type", JWT_BEARER_TYPE, "client_assertion", billingAssertion),
                null, null)));

        assertDescriptionContains(e, "client_id 'signer' differs from the client the client assertion names (iss 'billing')");
    }

    @Test
    void authenticateWhenClientAssertionReplayedThenInvalidClientAlreadyUsed() {
        TokenRequest request = request(Map.of("client_assertion_type", JWT_BEARER_TYPE,
                "client_assertion", clientAssertion("signer").sign(signerKey())), null, null);
        authentication.authenticate(request);

        OAuth2Exception e = assertOAuth2Error(ErrorCode.INVALID_CLIENT, () -> authentication.authenticate(request));

        assertDescriptionContains(e, "was already used");
    }

    @Test
    void authenticateWhenBasicAndClientAssertionThenInvalidRequest() {
        OAuth2Exception e = assertOAuth2Error(ErrorCode.INVALID_REQUEST, () -> authentication.authenticate(request(Map.of(
                "client_assertion_type", JWT_BEARER_TYPE, "client_assertion", clientAssertion("signer").sign(signerKey())),
                basic("signer", TestClients.SECRET), null)));

        assertDescriptionContains(e, "more than one client authentication method (client_secret_basic and private_key_jwt)");
    }

    @Test
    void authenticateWhenTwoMethodsThenInvalidRequestEvenBeforeClientIsLookedUp() {
        OAuth2Exception e = assertOAuth2Error(ErrorCode.INVALID_REQUEST, () -> authentication.authenticate(request(Map.of(
                "client_assertion_type", JWT_BEARER_TYPE, "client_assertion", clientAssertion("signer").sign(signerKey())),
                basic("ghost", "whatever"), null)));

        assertDescriptionContains(e, "more than one client authentication method");
    }

    @Test
    void authenticateWhenClientNotRegisteredForPrivateKeyJwtThenInvalidClient() {
        IssuedCertificate anyKey = pki.clientIssuedByIntermediate("CN=batch, O=Example");

        OAuth2Exception e = assertOAuth2Error(ErrorCode.INVALID_CLIENT, () -> authentication.authenticate(request(Map.of(
                "client_assertion_type", JWT_BEARER_TYPE,
                "client_assertion", clientAssertion("batch").sign(TestJwts.signingKeyOf(anyKey))), null, null)));

        assertDescriptionContains(e, "client batch is not registered for private_key_jwt; it must authenticate with"
                + " client_secret_basic or client_secret_post");
    }

    @Test
    void authenticateWhenClientAssertionIssuerUnknownThenInvalidClient() {
        OAuth2Exception e = assertOAuth2Error(ErrorCode.INVALID_CLIENT, () -> authentication.authenticate(request(Map.of(
                "client_assertion_type", JWT_BEARER_TYPE,
                "client_assertion", clientAssertion("ghost").sign(signerKey())), null, null)));

        assertDescriptionContains(e, "client ghost is not registered");
    }

    private ECKey signerKey() {
        return TestJwts.signingKeyOf(signerCertificate);
    }

    private TestJwts.Builder clientAssertion(String clientId) {
        return TestJwts.assertion(clientId, clientId, TOKEN_ENDPOINT, pki.now());
    }

    private static TokenRequest request(Map<String, String> parameters, String authorization, ClientCertificate certificate) {
        Map<String, String> all = new HashMap<>(parameters);
        all.putIfAbsent("grant_type", "client_credentials");
        return new TokenRequest(all, Optional.ofNullable(authorization), Optional.ofNullable(certificate), "203.0.113.7");
    }
}
