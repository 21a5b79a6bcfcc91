package io.tokengate.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import io.tokengate.cert.validation.CachingCertificateValidator;
import io.tokengate.cert.validation.CertificateValidationSettings;
import io.tokengate.cert.validation.RevocationMethod;
import io.tokengate.cert.validation.RevocationPolicy;
import io.tokengate.revocation.InMemoryAccessTokenDenylist;
import io.tokengate.testing.IssuedCertificate;
import io.tokengate.testing.MutableClock;
import io.tokengate.testing.RecordingResponse;
import io.tokengate.testing.TestAccessTokens;
import io.tokengate.testing.TestCertificates;
import io.tokengate.testing.TestCrlServer;
import jakarta.servlet.FilterChain;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The resource filter with a certificate validator configured: a bound token is refused when the
 * certificate it is bound to has been revoked since (CRL served on loopback), accepted otherwise.
 */
class BearerTokenFilterCertificateValidationTest {
    private final MutableClock clock = new MutableClock(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    private final TestAccessTokens tokens = TestAccessTokens.es256(clock);
    private final TestCertificates pki = TestCertificates.at(clock.instant());
    private final TestCrlServer crls = TestCrlServer.start();
    private final IssuedCertificate client = pki.certificate("CN=orders-service, O=Example")
            .crlDistributionPoint(crls.url()).build();
    private final FilterChain chain = mock(FilterChain.class);

    @AfterEach
    void stop() {
        crls.close();
    }

    private BearerTokenFilter filter() {
        ResourceServerConfig c = ResourceServerConfig.builder(TestAccessTokens.ISSUER, TestAccessTokens.AUDIENCE)
                .realm("orders").scopeRules(ScopeRules.parse("GET /api/orders/*=" + TestAccessTokens.ORDERS_READ)).build();
        CachingCertificateValidator certificates = new CachingCertificateValidator(CertificateValidationSettings.builder()
                .anchor(pki.root().certificate(), RevocationPolicy.builder().methods(List.of(RevocationMethod.CRL)).build())
                .build(), clock);
        return new BearerTokenFilter(c, new AccessTokenValidator(c, JwksKeySource.of(tokens.publicKeys(), clock), clock),
                new InMemoryAccessTokenDenylist(clock), certificates);
    }

    private RecordingResponse run(BearerTokenFilter filter) throws Exception {
        RecordingResponse response = new RecordingResponse();
        filter.doFilter(TestRequests.bearer(tokens.bound(client.thumbprint(), TestAccessTokens.ORDERS_READ))
                .certificate(client.chainArray()).build(), response.servletResponse(), chain);
        return response;
    }

    @Test
    void doFilterWhenBoundCertificateRevokedThen401InvalidTokenSayingRevoked() throws Exception {
        crls.publish(TestCrlServer.crl(pki.intermediate(), clock.instant(), clock.instant().plus(Duration.ofHours(1)),
                Map.of(client.certificate().getSerialNumber(), clock.instant())));

        RecordingResponse response = run(filter());

        assertEquals(401, response.status());
        String challenge = response.header("WWW-Authenticate");
        assertTrue(challenge.contains("error=\"invalid_token\"") && challenge.contains("no longer acceptable")
                && challenge.contains("revoked"), challenge);
        verify(chain, never()).doFilter(any(), any());
    }

    @Test
    void doFilterWhenBoundCertificateGoodThenPassedOn() throws Exception {
        crls.publish(TestCrlServer.crl(pki.intermediate(), clock.instant(), clock.instant().plus(Duration.ofHours(1)),
                Map.of()));

        RecordingResponse response = run(filter());

        verify(chain).doFilter(any(), any());
        assertTrue(response.status() == 0 || response.status() == 200, "status " + response.status());
    }
}
