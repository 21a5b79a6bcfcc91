package io.tokengate.benchmarks;

import io.tokengate.cert.ClientCertificate;
import io.tokengate.cert.validation.CachingCertificateValidator;
import io.tokengate.cert.validation.CertificateValidationSettings;
import io.tokengate.cert.validation.CertificateValidator.Purpose;
import io.tokengate.cert.validation.RevocationMethod;
import io.tokengate.cert.validation.RevocationPolicy;
import io.tokengate.testing.IssuedCertificate;
import io.tokengate.testing.TestCertificates;
import io.tokengate.testing.TestOcspResponder;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Client certificate validation ({@link CachingCertificateValidator}), single-threaded, for a
 * client certificate issued by an intermediate CA under a root trust anchor, its AIA naming a
 * BouncyCastle OCSP responder on loopback in the same process:
 * <ul>
 *   <li>{@code hit}: the verdict is cached; the certificate as the resolver hands it on, with its
 *       thumbprint already computed (what the token endpoint pays per request);</li>
 *   <li>{@code hitFromChain}: cached, but from the bare chain, so the SHA-256 thumbprint is computed;</li>
 *   <li>{@code hashMapLookup}: a {@link HashMap} lookup by the thumbprint, the yardstick;</li>
 *   <li>{@code missPathOnly}: nothing cached (TTL 0), no revocation: usage checks and PKIX path building;</li>
 *   <li>{@code missWithOcsp}: nothing cached, the path and one OCSP round trip (request with nonce,
 *       HTTP POST over loopback, response signature and checks).</li>
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class CertificateValidationBenchmark {
    private TestOcspResponder responder;
    private ClientCertificate presented;
    private List<java.security.cert.X509Certificate> chain;
    private CachingCertificateValidator cached;
    private CachingCertificateValidator uncachedPathOnly;
    private CachingCertificateValidator uncachedWithOcsp;
    private final Map<String, Object> map = new HashMap<>();

    @Setup(Level.Trial)
    public void setUp() {
        TestCertificates pki = TestCertificates.create();
        responder = TestOcspResponder.start(pki.intermediate(), Clock.systemUTC());
        IssuedCertificate leaf = pki.certificate("CN=bench-client, O=Tokengate").ocspResponder(responder.url()).build();
        presented = leaf.presented();
        chain = leaf.chain();
        RevocationPolicy ocsp = RevocationPolicy.builder().methods(List.of(RevocationMethod.OCSP)).build();
        cached = validator(pki, ocsp, Duration.ofMinutes(5));
        uncachedPathOnly = validator(pki, RevocationPolicy.none(), Duration.ZERO);
        uncachedWithOcsp = validator(pki, ocsp, Duration.ZERO);
        cached.validate(presented, Purpose.CHAIN_REQUIRED);
        for (int i = 0; i < 1000; i++) {
            map.put("thumbprint-" + i, new Object());
        }
        map.put(presented.thumbprint(), Boolean.TRUE);
    }

    private static CachingCertificateValidator validator(TestCertificates pki, RevocationPolicy policy, Duration ttl) {
        return new CachingCertificateValidator(CertificateValidationSettings.builder()
                .anchor(pki.root().certificate(), policy).cacheTtl(ttl).negativeCacheTtl(Duration.ZERO).build(),
                Clock.systemUTC());
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        responder.close();
    }

    @Benchmark
    public ClientCertificate hit() {
        cached.validate(presented, Purpose.CHAIN_REQUIRED);
        return presented;
    }

    @Benchmark
    public Object hitFromChain() {
        cached.validate(chain, Purpose.CHAIN_REQUIRED);
        return chain;
    }

    @Benchmark
    public Object hashMapLookup() {
        return map.get(presented.thumbprint());
    }

    @Benchmark
    public ClientCertificate missPathOnly() {
        uncachedPathOnly.validate(presented, Purpose.CHAIN_REQUIRED);
        return presented;
    }

    @Benchmark
    public ClientCertificate missWithOcsp() {
        uncachedWithOcsp.validate(presented, Purpose.CHAIN_REQUIRED);
        return presented;
    }
}
