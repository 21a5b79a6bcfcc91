package io.tokengate.benchmarks;

import com.nimbusds.jose.JWSAlgorithm;
import io.tokengate.cert.ClientCertificateResolver;
import io.tokengate.resource.AccessTokenValidator;
import io.tokengate.resource.AuthenticatedRequest;
import io.tokengate.resource.BearerTokenFilter;
import io.tokengate.resource.JwkSetLoader;
import io.tokengate.resource.JwksKeySource;
import io.tokengate.resource.ResourceServerConfig;
import io.tokengate.resource.ScopeRules;
import io.tokengate.resource.ValidatedToken;
import io.tokengate.revocation.InMemoryAccessTokenDenylist;
import io.tokengate.testing.IssuedCertificate;
import io.tokengate.testing.TestAccessTokens;
import io.tokengate.testing.TestCertificates;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import java.io.IOException;
import java.security.Provider;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The resource side in process, single-threaded: what {@link AccessTokenValidator} and
 * {@link BearerTokenFilter} cost per request. Tokens are minted by the real issuer
 * ({@link TestAccessTokens}), validated against the issuer's public key set.
 * <ul>
 * <li>{@code validateHit}: {@link AccessTokenValidator#validate} of a token already in the
 *     validation cache (SHA-256 of the token, Caffeine lookup).</li>
 * <li>{@code validateMiss}: the same token on a validator whose cache is off, so every call does
 *     the full check: token68 syntax, parse, header, issuer, signature verification, claims. A real
 *     miss adds the digest and a cache insert (about a microsecond).</li>
 * <li>{@code filterHit}: {@link BearerTokenFilter#doFilter} set up like the demo's {@code /api}
 *     (scope rules, denylist, an ES256 token bound to the client certificate, which the request
 *     carries as the container attribute) for a GET with {@code Authorization: Bearer}; the chain
 *     does nothing. {@code filterHitUnbound}: the same with a token without {@code cnf} and no
 *     certificate. {@code noFilter}: the same request passed straight to the chain, the baseline
 *     to subtract (making the fake request).</li>
 * </ul>
 * Algorithms of the validation benchmarks: {@code ES256-BC} (ES256 verified with BouncyCastle's
 * provider, what {@code JwksKeySource.fromConfig} uses, the server's default), {@code ES256-JDK}
 * (the JDK 17 provider) and {@code RS256} (RSA 2048, JDK). Every call is checked: a refusal throws.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ResourceBenchmark {
    static final String READ = TestAccessTokens.ORDERS_READ;

    /** A validator with its cache primed and one with the cache off, for one algorithm. */
    @State(Scope.Benchmark)
    public static class Validation {
        @Param({"ES256-BC", "ES256-JDK", "RS256"})
        public String algorithm;

        AccessTokenValidator cached;
        AccessTokenValidator uncached;
        String token;

        @Setup
        public void setUp() {
            Clock clock = Clock.systemUTC();
            JWSAlgorithm alg = JWSAlgorithm.parse(algorithm.contains("-") ? algorithm.substring(0, algorithm.indexOf('-'))
                    : algorithm);
            TestAccessTokens tokens = TestAccessTokens.of(alg, clock);
            token = tokens.issue(READ);
            Optional<Provider> provider = algorithm.endsWith("-BC") ? Optional.of(new BouncyCastleProvider())
                    : Optional.empty();
            cached = validator(config().build(), tokens, provider, clock);
            uncached = validator(config().cacheMaxSize(0).build(), tokens, provider, clock);
            cached.validate(token);
            uncached.validate(token);
            if (cached.cacheStatistics().size() != 1) {
                throw new IllegalStateException("the token did not enter the cache: " + cached.cacheStatistics());
            }
        }
    }

    /** The demo's protected API in front of a chain that does nothing. */
    @State(Scope.Benchmark)
    public static class Filtering {
        BearerTokenFilter filter;
        Map<String, String> boundHeaders;
        Map<String, String> plainHeaders;
        Map<String, Object> certificate;
        final FakeExchange.Response response = new FakeExchange.Response();
        ServletRequest passedOn;
        final FilterChain chain = (request, response) -> passedOn = request;

        @Setup
        public void setUp() throws IOException, ServletException {
            Clock clock = Clock.systemUTC();
            TestAccessTokens tokens = TestAccessTokens.of(JWSAlgorithm.ES256, clock);
            IssuedCertificate client = TestCertificates.create().clientIssuedByIntermediate("CN=demo-batch-client, O=Demo");
            // as a container hands it over: the chain from the TLS session, leaf first
            certificate = Map.of(ClientCertificateResolver.SERVLET_ATTRIBUTE, client.chainArray());
            boundHeaders = Map.of("authorization", "Bearer " + tokens.bound(client.thumbprint(), READ));
            plainHeaders = Map.of("authorization", "Bearer " + tokens.issue(READ));
            ResourceServerConfig config = config().realm("demo-api")
                    .scopeRules(ScopeRules.parse("GET /api/*=" + READ + "; POST,PUT,DELETE /api/*="
                            + TestAccessTokens.ORDERS_WRITE))
                    .build();
            filter = new BearerTokenFilter(config, validator(config, tokens, Optional.of(new BouncyCastleProvider()), clock),
                    new InMemoryAccessTokenDenylist(clock));
            check(bound());
            check(unbound());
        }

        ServletRequest bound() throws IOException, ServletException {
            return run(new FakeGet("/api", "/orders", boundHeaders, certificate));
        }

        ServletRequest unbound() throws IOException, ServletException {
            return run(new FakeGet("/api", "/orders", plainHeaders, Map.of()));
        }

        private ServletRequest run(FakeGet request) throws IOException, ServletException {
            passedOn = null;
            filter.doFilter(request, response, chain);
            if (passedOn == null) {
                response.recycle();
                throw new IllegalStateException("the filter refused the request: " + response.getStatus() + " "
                        + response.getHeader("WWW-Authenticate"));
            }
            return passedOn;
        }

        private void check(ServletRequest passed) {
            if (!(passed instanceof AuthenticatedRequest a) || !a.isUserInRole(READ)
                    || !(a.getAttribute(BearerTokenFilter.TOKEN_ATTRIBUTE) instanceof ValidatedToken)) {
                throw new IllegalStateException("the filter did not pass on an authenticated request: " + passed);
            }
        }
    }

    static ResourceServerConfig.Builder config() {
        return ResourceServerConfig.builder(TestAccessTokens.ISSUER, TestAccessTokens.AUDIENCE);
    }

    static AccessTokenValidator validator(ResourceServerConfig config, TestAccessTokens tokens,
            Optional<Provider> ecProvider, Clock clock) {
        JwksKeySource keys = new JwksKeySource(JwkSetLoader.of(tokens.publicKeys()), clock, Duration.ofDays(1),
                Duration.ofSeconds(30), ecProvider);
        return new AccessTokenValidator(config, keys, clock);
    }

    @Benchmark
    public ValidatedToken validateHit(Validation v) {
        return v.cached.validate(v.token);
    }

    @Benchmark
    public ValidatedToken validateMiss(Validation v) {
        return v.uncached.validate(v.token);
    }

    @Benchmark
    public ServletRequest filterHit(Filtering f) throws IOException, ServletException {
        return f.bound();
    }

    @Benchmark
    public ServletRequest filterHitUnbound(Filtering f) throws IOException, ServletException {
        return f.unbound();
    }

    /** The baseline of the filter benchmarks: the same fake request, straight to the chain. */
    @Benchmark
    public ServletRequest noFilter(Filtering f) throws IOException, ServletException {
        FakeGet request = new FakeGet("/api", "/orders", f.boundHeaders, f.certificate);
        f.chain.doFilter(request, f.response);
        return f.passedOn;
    }
}
