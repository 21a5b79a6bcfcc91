package io.tokengate.benchmarks;

import com.nimbusds.jose.JWSAlgorithm;
import io.tokengate.cert.ClientCertificateResolver;
import io.tokengate.config.AuthorizationServerConfig;
import io.tokengate.endpoint.AuthorizationServer;
import io.tokengate.endpoint.TokenEndpoint;
import io.tokengate.registry.ApplicationRole;
import io.tokengate.registry.Client;
import io.tokengate.registry.ClientAuthMethod;
import io.tokengate.registry.ClientType;
import io.tokengate.registry.InMemoryRegistry;
import io.tokengate.registry.ResourceServer;
import io.tokengate.token.AccessTokenClaims;
import io.tokengate.token.AccessTokenIssuer;
import io.tokengate.token.IssuedToken;
import io.tokengate.token.SigningKey;
import io.tokengate.token.SigningKeySource;
import io.tokengate.token.SigningKeys;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
 * Issuing one token in process through the real path, single-threaded:
 * {@link TokenEndpoint#service} with the demo's {@code tls_client_auth} grant request (form body
 * parse, client authentication by the pinned certificate, scope resolution, claims, signature,
 * JSON), on an {@link AuthorizationServer} built with its public constructor and an
 * {@link InMemoryRegistry} shaped like the demo's. Request and response are hand-written fakes
 * ({@link FakeExchange}); every call must answer 200.
 * <p>{@code issuerOnly} measures {@link AccessTokenIssuer#issue} alone with the same key, so that
 * the endpoint's cost splits into signature ({@link SigningBenchmark}), JWT building and the rest.
 * <p>Throughput in ops/s by default; the average time per operation with
 * {@code -bm avgt -tu us}. Single-threaded, one fork, 3 × 2 s warm-up and 5 × 2 s measurement.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class TokenIssueBenchmark {
    private static final String ISSUER = "https://localhost:8443";
    private static final String CONTENT_TYPE = "application/x-www-form-urlencoded;charset=UTF-8";

    /** ES256-BC is the server's default (ES256, BouncyCastle provider). */
    @Param({"ES256-BC", "ES256-JDK", "RS256-JDK"})
    public String algorithm;

    private TokenEndpoint endpoint;
    private AccessTokenIssuer issuer;
    private AccessTokenClaims claims;
    private byte[] body;
    private Map<String, Object> attributes;
    private final FakeExchange.Response response = new FakeExchange.Response();

    @Setup
    public void setUp() throws IOException {
        JWSAlgorithm alg = JWSAlgorithm.parse(algorithm.substring(0, algorithm.indexOf('-')));
        boolean bouncyCastle = algorithm.endsWith("-BC");
        Optional<Provider> provider = bouncyCastle ? Optional.of(new BouncyCastleProvider()) : Optional.empty();
        SigningKeySource keys = SigningKeys.fixed(new SigningKey(SigningKeys.generate(alg), alg, provider));
        AuthorizationServerConfig config = AuthorizationServerConfig.builder(ISSUER)
                .signingAlgorithm(alg)
                .signingProvider(bouncyCastle ? AuthorizationServerConfig.SigningProvider.BOUNCY_CASTLE
                        : AuthorizationServerConfig.SigningProvider.JDK)
                .build();

        BenchmarkPki pki = BenchmarkPki.create("CN=" + SampleToken.CLIENT_ID + ", O=Tokengate Demo");
        InMemoryRegistry registry = demoRegistry(pki.client());
        AuthorizationServer server = new AuthorizationServer(config, registry, registry, keys, List.of(pki.ca()),
                Clock.systemUTC(), new SecureRandom());
        endpoint = server.tokenEndpoint();
        issuer = new AccessTokenIssuer(ISSUER, config.accessTokenLifetime(), keys, Clock.systemUTC(), new SecureRandom());
        claims = new AccessTokenClaims(SampleToken.CLIENT_ID, SampleToken.CLIENT_ID, List.of(SampleToken.SCOPE),
                List.of(SampleToken.AUDIENCE), Optional.of(io.tokengate.cert.Thumbprints.x5tS256(pki.client())));

        body = ("grant_type=tls_client_auth&client_id=" + SampleToken.CLIENT_ID + "&scope="
                + URLEncoder.encode(SampleToken.SCOPE, StandardCharsets.UTF_8)).getBytes(StandardCharsets.US_ASCII);
        attributes = Map.of(ClientCertificateResolver.SERVLET_ATTRIBUTE, new X509Certificate[] {pki.clientAsPresented()});

        int length = endpoint();
        String answer = response.bodyText();
        if (!answer.startsWith("{\"access_token\":\"") || !answer.contains("\"scope\":\"" + SampleToken.SCOPE + "\"")) {
            throw new IllegalStateException("unexpected token response (" + length + " bytes): " + answer);
        }
    }

    /** The demo's registry: one resource server, two roles, the certificate client pinned by its certificate. */
    static InMemoryRegistry demoRegistry(X509Certificate clientCertificate) {
        ResourceServer api = new ResourceServer(SampleToken.AUDIENCE, Set.of("orders.read", "orders.write"));
        List<ApplicationRole> roles = List.of(
                new ApplicationRole("OrdersReader", Set.of(SampleToken.AUDIENCE + "orders.read")),
                new ApplicationRole("OrdersWriter", Set.of(SampleToken.AUDIENCE + "orders.write")));
        Client client = Client.builder(SampleToken.CLIENT_ID)
                .clientType(ClientType.TRUSTED)
                .grantType("tls_client_auth")
                .grantType("client_credentials")
                .authMethod(ClientAuthMethod.TLS_CLIENT_AUTH)
                .certificate(clientCertificate)
                .role("OrdersReader")
                .role("OrdersWriter")
                .build();
        return new InMemoryRegistry(List.of(client), roles, List.of(api));
    }

    /** The whole token endpoint: parse, authenticate by certificate, resolve scopes, sign, write JSON. */
    @Benchmark
    public int endpoint() throws IOException {
        response.recycle();
        endpoint.service(new FakeExchange.Request(CONTENT_TYPE, body, Map.of(), attributes, "127.0.0.1"), response);
        if (response.getStatus() != 200) {
            throw new IllegalStateException("token endpoint answered " + response.getStatus() + ": " + response.bodyText());
        }
        return response.getStatus();
    }

    /** Claims, header, signature and compact serialisation, as the endpoint's grant handler calls it. */
    @Benchmark
    public IssuedToken issuerOnly() {
        return issuer.issue(claims);
    }
}
