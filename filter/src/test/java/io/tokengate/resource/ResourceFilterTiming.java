package io.tokengate.resource;

import com.nimbusds.jose.JWSAlgorithm;
import io.tokengate.cert.Thumbprints;
import io.tokengate.testing.IssuedCertificate;
import io.tokengate.testing.TestAccessTokens;
import io.tokengate.testing.TestCertificates;
import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.Proxy;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Rough warm timing of the resource side's hot path for the benchmarks README; not a test and not a
 * benchmark (the JMH module is for that). Run with the filter test class path:
 * {@code java -cp ... io.tokengate.resource.ResourceFilterTiming [iterations]}. Requests are
 * {@link Proxy} stubs, whose reflection adds a little to the filter figures.
 */
public final class ResourceFilterTiming {
    private static volatile Object sink;

    private ResourceFilterTiming() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 2_000_000;
        Clock clock = Clock.systemUTC();
        TestAccessTokens tokens = TestAccessTokens.of(JWSAlgorithm.ES256, clock);
        IssuedCertificate client = TestCertificates.create().clientIssuedByIntermediate("CN=orders-service, O=Example");
        String token = tokens.issue(TestAccessTokens.ORDERS_READ);
        String bound = tokens.bound(client.thumbprint(), TestAccessTokens.ORDERS_READ);
        ResourceServerConfig config = ResourceServerConfig.builder(TestAccessTokens.ISSUER, TestAccessTokens.AUDIENCE)
                .scopeRules(ScopeRules.parse("GET /api/orders/*=" + TestAccessTokens.ORDERS_READ
                        + "; POST /api/orders/*=" + TestAccessTokens.ORDERS_WRITE)).build();
        JwksKeySource keys = new JwksKeySource(JwkSetLoader.of(tokens.publicKeys()), clock, config.jwksTtl(),
                config.jwksRefetchInterval(), Optional.of(new org.bouncycastle.jce.provider.BouncyCastleProvider()));
        AccessTokenValidator validator = new AccessTokenValidator(config, keys, clock);
        System.out.printf("token %d characters%n", token.length());

        time("SHA-256 digest of the token (TokenDigest.of)", n, () -> TokenDigest.of(token));
        time("validate, cache hit", n, () -> validator.validate(token));
        X509Certificate certificate = client.certificate();
        CertificateBinding cached = new CertificateBinding(null, true);
        time("x5t#S256 of the certificate, computed", n / 4, () -> Thumbprints.x5tS256(certificate));
        time("x5t#S256 of the certificate, identity cache", n, () -> cached.thumbprint(certificate));

        BearerTokenFilter filter = new BearerTokenFilter(config, validator);
        HttpServletResponse response = stub(HttpServletResponse.class, Map.of());
        FilterChain chain = (req, res) -> sink = req;
        HttpServletRequest plain = request(token, null);
        HttpServletRequest tls = request(bound, new X509Certificate[] {certificate});
        HttpServletRequest bare = stub(HttpServletRequest.class, Map.of("getMethod", "GET", "getServletPath", "/api/orders/1"));
        time("filter, stub request without a token check (baseline: stub overhead)", n, () -> {
            sink = bare.getHeaders("Authorization");
            sink = bare.getQueryString();
            sink = bare.getMethod();
            return bare.getServletPath();
        });
        BearerTokenExtractor extractor = new BearerTokenExtractor(false);
        time("extract the bearer token (header and query)", n, () -> extractor.extract(plain));
        time("scope rule match", n, () -> config.scopeRules().requiredScopes("GET", "/api/orders/1"));
        time("filter, cached bearer token", n, () -> run(filter, plain, response, chain));
        time("filter, cached certificate-bound token over TLS", n, () -> run(filter, tls, response, chain));

        try (FakeIntrospectionEndpoint as = new FakeIntrospectionEndpoint()) {
            long exp = clock.instant().getEpochSecond() + 3600;
            as.answer("{\"active\":true,\"token_type\":\"Bearer\",\"scope\":\"" + TestAccessTokens.ORDERS_READ
                    + "\",\"client_id\":\"c\",\"sub\":\"s\",\"aud\":\"" + TestAccessTokens.AUDIENCE + "\",\"exp\":" + exp + "}");
            ResourceServerConfig introspecting = ResourceServerConfig.builder(as.issuer(), TestAccessTokens.AUDIENCE)
                    .introspection(IntrospectionSettings.builder(IntrospectionMode.ALL)
                            .endpoint(java.net.URI.create(as.endpoint())).clientSecret("s").activeTtl(java.time.Duration.ofHours(1))
                            .build()).build();
            TokenIntrospector introspector = TokenIntrospector.fromConfig(introspecting,
                    JwksKeySource.httpClient(introspecting), clock);
            time("introspect, cache hit (same token as above)", n, () -> introspector.introspect(token));
            time("introspect, miss (HTTP to a loopback endpoint)", 200, () -> introspector.introspect(
                    java.util.UUID.randomUUID().toString()));
        }

        AccessTokenValidator uncached = new AccessTokenValidator(ResourceServerConfig.builder(TestAccessTokens.ISSUER,
                TestAccessTokens.AUDIENCE).cacheMaxSize(0).build(), keys, clock);
        time("validate, no cache (ES256 on BouncyCastle)", 5_000, () -> uncached.validate(token));
        TestAccessTokens rsa = TestAccessTokens.of(JWSAlgorithm.RS256, clock);
        String rsaToken = rsa.issue(TestAccessTokens.ORDERS_READ);
        AccessTokenValidator rsaUncached = new AccessTokenValidator(ResourceServerConfig.builder(TestAccessTokens.ISSUER,
                TestAccessTokens.AUDIENCE).cacheMaxSize(0).build(), JwksKeySource.of(rsa.publicKeys(), clock), clock);
        time("validate, no cache (RS256)", 20_000, () -> rsaUncached.validate(rsaToken));
    }

    private static Object run(BearerTokenFilter filter, HttpServletRequest request, HttpServletResponse response,
            FilterChain chain) {
        try {
            filter.doFilter(request, response, chain);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return sink;
    }

    private static HttpServletRequest request(String token, X509Certificate[] certificates) {
        Map<String, Object> answers = new HashMap<>();
        answers.put("getMethod", "GET");
        answers.put("getServletPath", "/api/orders/1");
        answers.put("getRemoteAddr", "203.0.113.7");
        answers.put("getHeaders", List.of("Bearer " + token));
        if (certificates != null) {
            answers.put("getAttribute", certificates);
        }
        return stub(HttpServletRequest.class, answers);
    }

    @SuppressWarnings("unchecked")
    private static <T> T stub(Class<T> type, Map<String, Object> answers) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            Object answer = answers.get(method.getName());
            if (answer instanceof List<?> list) {
                return Collections.enumeration(list);
            }
            if (answer == null && method.getReturnType() == boolean.class) {
                return false;
            }
            return answer;
        });
    }

    private static void time(String what, int iterations, Supplier<Object> call) {
        for (int round = 0; round < 3; round++) {
            long start = System.nanoTime();
            for (int i = 0; i < iterations; i++) {
                sink = call.get();
            }
            long nanos = (System.nanoTime() - start) / iterations;
            if (round == 2) {
                System.out.printf("%-70s %,8d ns%n", what, nanos);
            }
        }
    }
}
