package io.tokengate.it.revocation;

import static io.tokengate.it.support.OAuthErrors.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokengate.cert.validation.CachingCertificateValidator;
import io.tokengate.cert.validation.CertificateValidationSettings;
import io.tokengate.cert.validation.RevocationMethod;
import io.tokengate.cert.validation.RevocationPolicy;
import io.tokengate.it.support.HttpAnswer;
import io.tokengate.it.support.Https;
import io.tokengate.it.support.TlsClients;
import io.tokengate.testing.IssuedCertificate;
import io.tokengate.testing.MutableClock;
import io.tokengate.testing.TestCertificates;
import io.tokengate.testing.TestClients;
import io.tokengate.testing.TestOcspResponder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The TLS Client Authentication flow over real mutual TLS to real Jetty, with each client
 * certificate's AIA naming its own BouncyCastle OCSP responder on loopback: a revoked certificate
 * is refused with {@code invalid_client}; a certificate revoked after its good verdict was cached
 * is refused once the cache TTL has passed on the validator's clock (a fake one, moved by the
 * test); an unreachable responder refuses, failing closed; and 100 concurrent token requests
 * with one certificate make one OCSP request.
 */
class RevokedCertificateTokenFlowTest {
    private static final Duration TTL = Duration.ofMinutes(5);

    @TempDir
    static Path work;

    private static final TestCertificates PKI = TestCertificates.create();
    private static final MutableClock CLOCK = new MutableClock(PKI.now());
    private static final List<TestOcspResponder> RESPONDERS = new ArrayList<>();
    private static RevocationGateway gateway;
    private static Path caFile;
    private static IssuedCertificate revoked;
    private static IssuedCertificate revokedLater;
    private static IssuedCertificate burst;
    private static IssuedCertificate unreachable;
    private static TestOcspResponder revokedResponder;
    private static TestOcspResponder laterResponder;
    private static TestOcspResponder burstResponder;

    @BeforeAll
    static void start() throws Exception {
        revokedResponder = responder();
        laterResponder = responder();
        burstResponder = responder().delay(Duration.ofMillis(300));
        revoked = client("CN=revoked-client", revokedResponder.url());
        revokedLater = client("CN=revoked-later-client", laterResponder.url());
        burst = client("CN=burst-client", burstResponder.url());
        unreachable = client("CN=unreachable-client", "http://127.0.0.1:1/ocsp");
        revokedResponder.revoke(revoked.certificate(), CLOCK.instant().minusSeconds(60));
        CachingCertificateValidator validator = new CachingCertificateValidator(CertificateValidationSettings.builder()
                .anchor(PKI.root().certificate(), RevocationPolicy.builder().methods(List.of(RevocationMethod.OCSP))
                        .timeout(Duration.ofSeconds(2)).build())
                .cacheTtl(TTL).negativeCacheTtl(Duration.ofSeconds(30)).build(), CLOCK);
        gateway = RevocationGateway.start(PKI.certificate("CN=localhost").sanDns("localhost").serverAuth().build(),
                TestClients.registry(
                        TestClients.withImportedCertificate("revoked-client", revoked.certificate()).build(),
                        TestClients.withImportedCertificate("revoked-later-client", revokedLater.certificate()).build(),
                        TestClients.pkiBySubjectDn("burst-client", burst.subjectDn()).build(),
                        TestClients.withImportedCertificate("unreachable-client", unreachable.certificate()).build()),
                validator, CLOCK);
        caFile = TestCertificates.writeCertificatesPem(work.resolve("ca.pem"), List.of(PKI.root().certificate()));
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
        RESPONDERS.forEach(TestOcspResponder::close);
    }

    private static TestOcspResponder responder() {
        TestOcspResponder r = TestOcspResponder.start(PKI.intermediate(), CLOCK);
        RESPONDERS.add(r);
        return r;
    }

    private static IssuedCertificate client(String dn, String ocspUrl) {
        return PKI.certificate(dn + ", O=Tokengate Tests").ocspResponder(ocspUrl).build();
    }

    private static HttpClient presenting(IssuedCertificate certificate) {
        return TlsClients.httpClient(TlsClients.presenting(caFile, certificate.privateKey(), certificate.chainArray()));
    }

    private static HttpAnswer token(HttpClient client, String clientId) {
        return Https.postForm(client, gateway.tokenEndpoint(), "grant_type=tls_client_auth&client_id=" + clientId);
    }

    @Test
    void tokenWhenClientCertificateRevokedThenInvalidClientSayingRevoked() {
        HttpAnswer answer = token(presenting(revoked), "revoked-client");

        String description = assertError(answer, 401, "invalid_client");
        assertTrue(description.contains("CN=revoked-client") && description.contains("is revoked at"), description);
        assertTrue(description.contains(revoked.certificate().getSerialNumber().toString(16)), description);
        assertEquals(1, revokedResponder.requests());
    }

    @Test
    void tokenWhenCertificateRevokedAfterGoodVerdictCachedThenRefusedOnceTtlPassed() {
        HttpClient client = presenting(revokedLater);
        assertEquals(200, token(client, "revoked-later-client").status());
        laterResponder.revoke(revokedLater.certificate(), CLOCK.instant());

        assertEquals(200, token(client, "revoked-later-client").status(), "still within the cache TTL");
        CLOCK.advance(TTL.plusSeconds(1));

        String description = assertError(token(client, "revoked-later-client"), 401, "invalid_client");
        assertTrue(description.contains("is revoked at"), description);
        assertEquals(2, laterResponder.requests());
    }

    @Test
    void tokenWhenResponderUnreachableThenInvalidClientFailingClosed() {
        String description = assertError(token(presenting(unreachable), "unreachable-client"), 401, "invalid_client");

        assertTrue(description.contains("could not be checked") && description.contains("fails closed"), description);
    }

    @Test
    void tokenWhenHundredConcurrentRequestsWithOneCertificateThenOneOcspRequest() throws Exception {
        HttpClient client = presenting(burst);
        ExecutorService pool = Executors.newFixedThreadPool(100);
        try {
            // open the connections first, with requests the validator never sees, so that the burst
            // is one of token requests rather than of TLS handshakes on a shared 2-core machine
            burstOf(pool, 100, () -> send(client, HttpRequest.newBuilder(URI.create(gateway.tokenEndpoint().replace(
                    "/oauth2/v1/token", "/warm-up"))).GET()));
            assertEquals(0, burstResponder.requests());

            List<HttpResponse<String>> answers = burstOf(pool, 100, () -> send(client,
                    HttpRequest.newBuilder(URI.create(gateway.tokenEndpoint())).header("Content-Type", Https.FORM)
                            .POST(HttpRequest.BodyPublishers.ofString("grant_type=tls_client_auth&client_id=burst-client"))));

            answers.forEach(a -> assertEquals(200, a.statusCode(), a::body));
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, burstResponder.requests());
    }

    private static <T> List<T> burstOf(ExecutorService pool, int n, Callable<T> call) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<T>> futures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            futures.add(pool.submit(() -> {
                go.await();
                return call.call();
            }));
        }
        go.countDown();
        List<T> out = new ArrayList<>();
        for (Future<T> f : futures) {
            out.add(f.get(3, TimeUnit.MINUTES));
        }
        return out;
    }

    private static HttpResponse<String> send(HttpClient client, HttpRequest.Builder request) throws Exception {
        return client.send(request.timeout(Duration.ofMinutes(2)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
