package io.tokengate.benchmarks;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.tokengate.assertion.saml.SamlBearerAssertionValidator;
import io.tokengate.config.AuthorizationServerConfig;
import io.tokengate.endpoint.AuthorizationServer;
import io.tokengate.endpoint.TokenEndpoint;
import io.tokengate.registry.ApplicationRole;
import io.tokengate.registry.Client;
import io.tokengate.registry.ClientAuthMethod;
import io.tokengate.registry.InMemoryRegistry;
import io.tokengate.registry.ResourceServer;
import io.tokengate.registry.SecretHash;
import io.tokengate.registry.TrustedIssuer;
import io.tokengate.testing.SamlAssertions;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The Assertion grant in process: {@code TokenEndpoint.service} with a SAML 2.0 bearer and a JWT
 * bearer assertion (RSA 2048 signed identity providers) and client_secret_basic, beside the raw
 * costs it is made of: OpenSAML parse + verify alone, RS256 verify of the JWT alone. Assertions are
 * single use, and minting a fresh one per call would measure the identity provider's signature,
 * so the same assertion is sent each time to a server whose replay cache accepts every ID; the
 * replay record the real cache adds is one Caffeine insert (tens of nanoseconds).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class AssertionGrantBenchmark {
    private static final String ISSUER = SamlAssertions.SERVER_ISSUER;
    private static final String JWT_ISSUER = "https://idp.example.com/jwt";
    private static final String CLIENT = "web-app";
    private static final String SECRET = "s3cret-s3cret-s3cret-s3cret-s3cret";
    private static final String CONTENT_TYPE = "application/x-www-form-urlencoded;charset=UTF-8";

    private TokenEndpoint endpoint;
    private SamlBearerAssertionValidator samlValidator;
    private String samlAssertion;
    private SignedJWT jwtAssertion;
    private RSAKeyVerifier jwtVerifier;
    private byte[] samlBody;
    private byte[] jwtBody;
    private Map<String, String> headers;
    private final FakeExchange.Response response = new FakeExchange.Response();

    private record RSAKeyVerifier(RSASSAVerifier verifier) {
    }

    @Setup
    public void setUp() throws Exception {
        Clock clock = Clock.systemUTC();
        SamlAssertions saml = SamlAssertions.rsa(clock);
        RSAKey jwtKey = new RSAKeyGenerator(2048).keyID("jwt-1").generate();
        ResourceServer api = new ResourceServer(SampleToken.AUDIENCE, Set.of("orders.read"));
        ApplicationRole reader = new ApplicationRole("Reader", Set.of(SampleToken.AUDIENCE + "orders.read"));
        Client client = Client.builder(CLIENT).grantType("urn:ietf:params:oauth:grant-type:saml2-bearer")
                .grantType("urn:ietf:params:oauth:grant-type:jwt-bearer")
                .authMethod(ClientAuthMethod.CLIENT_SECRET_BASIC).secretHash(SecretHash.sha256Of(SECRET))
                .role("Reader").build();
        InMemoryRegistry registry = new InMemoryRegistry(List.of(client), List.of(reader), List.of(api), List.of(
                new TrustedIssuer(saml.issuer(), TrustedIssuer.Type.SAML, List.of(saml.certificate()), Optional.empty(),
                        Optional.empty(), Set.of()),
                new TrustedIssuer(JWT_ISSUER, TrustedIssuer.Type.JWT, List.of(),
                        Optional.of(new JWKSet(jwtKey.toPublicJWK())), Optional.empty(), Set.of(JWSAlgorithm.RS256))));
        AuthorizationServer server = AuthorizationServer.builder(AuthorizationServerConfig.builder(ISSUER)
                        .assertionMaxLifetime(Duration.ofDays(1)).build())
                .clients(registry).resources(registry).issuers(registry)
                .replayCache((namespace, id, expiresAt) -> true)
                .clock(clock).random(new SecureRandom()).build();
        endpoint = server.tokenEndpoint();
        samlValidator = new SamlBearerAssertionValidator(saml.settings().build(), clock);

        Instant now = clock.instant();
        samlAssertion = saml.assertion().notOnOrAfter(now.plus(Duration.ofHours(20)))
                .confirmationNotOnOrAfter(now.plus(Duration.ofHours(20))).toParameter();
        jwtAssertion = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("jwt-1").build(),
                new JWTClaimsSet.Builder().issuer(JWT_ISSUER).subject("alice").audience(ISSUER + "/oauth2/v1/token")
                        .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(Duration.ofHours(20))))
                        .jwtID("jti-1").build());
        jwtAssertion.sign(new RSASSASigner(jwtKey));
        jwtVerifier = new RSAKeyVerifier(new RSASSAVerifier(jwtKey.toRSAPublicKey()));

        String scope = "&scope=" + URLEncoder.encode(SampleToken.AUDIENCE + "orders.read", StandardCharsets.UTF_8);
        samlBody = ("grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Asaml2-bearer&assertion=" + samlAssertion
                + scope).getBytes(StandardCharsets.US_ASCII);
        jwtBody = ("grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion=" + jwtAssertion.serialize()
                + scope).getBytes(StandardCharsets.US_ASCII);
        headers = Map.of("authorization", "Basic " + Base64.getEncoder()
                .encodeToString((CLIENT + ":" + SECRET).getBytes(StandardCharsets.UTF_8)));
        samlBearer();
        jwtBearer();
    }

    /** The SAML bearer grant through the token endpoint: parse, client auth, validate, sign (ES256-BC), JSON. */
    @Benchmark
    public int samlBearer() throws IOException {
        return serve(samlBody);
    }

    /** The JWT bearer grant through the token endpoint. */
    @Benchmark
    public int jwtBearer() throws IOException {
        return serve(jwtBody);
    }

    /** Baseline: OpenSAML parse + unmarshal + signature verify + checks of the same assertion, alone. */
    @Benchmark
    public Object samlValidateOnly() {
        return samlValidator.validate(samlAssertion);
    }

    /** Baseline: the RS256 signature check of the JWT assertion, alone. */
    @Benchmark
    public boolean jwtVerifyOnly() throws JOSEException {
        return jwtAssertion.verify(jwtVerifier.verifier());
    }

    private int serve(byte[] body) throws IOException {
        response.recycle();
        endpoint.service(new FakeExchange.Request(CONTENT_TYPE, body, headers, Map.of(), "127.0.0.1"), response);
        if (response.getStatus() != 200) {
            throw new IllegalStateException("token endpoint answered " + response.getStatus() + ": " + response.bodyText());
        }
        return response.getStatus();
    }
}
