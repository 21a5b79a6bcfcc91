package io.tokengate.benchmarks;

import io.tokengate.agent.ClientAuth;
import io.tokengate.agent.OutboundAuthorization;
import io.tokengate.agent.OutboundRoutes;
import io.tokengate.agent.TokenAgent;
import io.tokengate.agent.TokenAgentConfig;
import io.tokengate.agent.TokenKey;
import io.tokengate.agent.jdk.TokenAgentHttpClient;
import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What the outbound agent adds to a call when the token is cached, single-threaded:
 * <ul>
 *   <li>{@code cachedToken}: {@link TokenAgent#accessToken(TokenKey)} on a hit;</li>
 *   <li>{@code authorize}: what every adapter does per call — route lookup, current subject, key,
 *       cache hit ({@link OutboundAuthorization#authorize});</li>
 *   <li>{@code plainSend} vs {@code agentSend}: a {@code java.net.http} send through a client that
 *       answers at once without I/O, bare and wrapped in {@link TokenAgentHttpClient}: their
 *       difference is the agent's whole cost on a call, request copy with the header included.</li>
 * </ul>
 * The token comes once from a {@link StubTokenEndpoint}; nothing crosses the network while measuring.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class AgentOutboundBenchmark {
    private static final URI RESOURCE = URI.create("https://orders.example/api/orders/42");

    private StubTokenEndpoint endpoint;
    private TokenAgent agent;
    private OutboundAuthorization outbound;
    private TokenKey key;
    private HttpClient plain;
    private HttpClient wrapped;
    private HttpRequest request;
    private org.apache.hc.client5.http.classic.ExecChainHandler apacheHandler;
    private org.apache.hc.client5.http.classic.ExecChain apacheChain;
    private org.apache.hc.client5.http.classic.ExecChain.Scope apacheScope;
    private org.apache.hc.client5.http.classic.methods.HttpGet apacheRequest;

    @Setup
    public void setUp() throws Exception {
        endpoint = new StubTokenEndpoint(3600);
        agent = TokenAgent.create(TokenAgentConfig.builder("bench-agent").tokenEndpoint(endpoint.url())
                .trustAnchors(List.of(endpoint.trustAnchor())).clientAuth(ClientAuth.CLIENT_SECRET_BASIC).clientSecret("s")
                .assertionSource((subject, tokenEndpoint) -> "assertion").build(), () -> Optional.of("alice"));
        outbound = agent.outbound(OutboundRoutes.builder()
                .route("https://billing.example/", "https://billing/", Set.of("billing.read"))
                .route("https://orders.example/api/", "https://orders/", Set.of("orders.read", "orders.write")).build());
        key = agent.keyFor("https://orders/", Set.of("orders.read", "orders.write"));
        agent.accessToken(key);
        plain = new InstantClient(outbound.sslContext());
        wrapped = TokenAgentHttpClient.wrap(plain, outbound);
        request = HttpRequest.newBuilder(RESOURCE).header("Accept", "application/json").GET().build();
        apacheHandler = new io.tokengate.agent.apache.TokenAgentExecHandler(outbound);
        apacheChain = (r, scope) -> new org.apache.hc.core5.http.message.BasicClassicHttpResponse(
                r.containsHeader("Authorization") ? 200 : 401);
        apacheRequest = new org.apache.hc.client5.http.classic.methods.HttpGet(RESOURCE);
        apacheScope = new org.apache.hc.client5.http.classic.ExecChain.Scope("bench", new org.apache.hc.client5.http.HttpRoute(
                new org.apache.hc.core5.http.HttpHost("https", "orders.example", 443)), apacheRequest,
                org.mockito.Mockito.mock(org.apache.hc.client5.http.classic.ExecRuntime.class),
                org.apache.hc.client5.http.protocol.HttpClientContext.create());
        if (apacheHandler.execute(apacheRequest, apacheScope, apacheChain).getCode() != 200) {
            throw new IllegalStateException("the Apache handler attached no token");
        }
        if (wrapped.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() != 200 || endpoint.requests() != 1) {
            throw new IllegalStateException("set-up did not reach a cached token");
        }
    }

    @TearDown
    public void tearDown() {
        if (endpoint.requests() != 1) {
            throw new IllegalStateException("the token endpoint was called while measuring: " + endpoint.requests());
        }
        endpoint.close();
    }

    @Benchmark
    public Object cachedToken() {
        return agent.accessToken(key);
    }

    @Benchmark
    public Object authorize() {
        return outbound.authorize(RESOURCE);
    }

    @Benchmark
    public Object plainSend() throws IOException, InterruptedException {
        return plain.send(request, HttpResponse.BodyHandlers.discarding());
    }

    @Benchmark
    public Object agentSend() throws IOException, InterruptedException {
        return wrapped.send(request, HttpResponse.BodyHandlers.discarding());
    }

    /** The Apache exec chain below the agent, answering at once: the baseline of {@code apacheHandler}. */
    @Benchmark
    public Object apachePlain() throws Exception {
        return apacheChain.proceed(apacheRequest, apacheScope);
    }

    /** The Apache HttpClient 5 adapter's exec handler in front of that chain. */
    @Benchmark
    public Object apacheHandler() throws Exception {
        return apacheHandler.execute(apacheRequest, apacheScope, apacheChain);
    }

    /** An HttpClient that answers 200 at once, without I/O; it checks the header arrived. */
    static final class InstantClient extends HttpClient {
        private final SSLContext tls;

        InstantClient(SSLContext tls) {
            this.tls = tls;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
            return (HttpResponse<T>) new Answer(request, request.headers().firstValue("Authorization").isPresent() ? 200 : 401);
        }

        @Override
        public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
            return CompletableFuture.completedFuture(send(request, handler));
        }

        @Override
        public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler,
                HttpResponse.PushPromiseHandler<T> push) {
            return sendAsync(request, handler);
        }

        @Override
        public Optional<CookieHandler> cookieHandler() {
            return Optional.empty();
        }

        @Override
        public Optional<Duration> connectTimeout() {
            return Optional.empty();
        }

        @Override
        public Redirect followRedirects() {
            return Redirect.NEVER;
        }

        @Override
        public Optional<ProxySelector> proxy() {
            return Optional.empty();
        }

        @Override
        public SSLContext sslContext() {
            return tls;
        }

        @Override
        public SSLParameters sslParameters() {
            return tls.getDefaultSSLParameters();
        }

        @Override
        public Optional<Authenticator> authenticator() {
            return Optional.empty();
        }

        @Override
        public Version version() {
            return Version.HTTP_1_1;
        }

        @Override
        public Optional<Executor> executor() {
            return Optional.empty();
        }
    }

    private record Answer(HttpRequest request, int statusCode) implements HttpResponse<Object> {
        private static final HttpHeaders NONE = HttpHeaders.of(Map.of(), (a, b) -> true);

        @Override
        public Optional<HttpResponse<Object>> previousResponse() {
            return Optional.empty();
        }

        @Override
        public HttpHeaders headers() {
            return NONE;
        }

        @Override
        public Object body() {
            return null;
        }

        @Override
        public Optional<SSLSession> sslSession() {
            return Optional.empty();
        }

        @Override
        public URI uri() {
            return request.uri();
        }

        @Override
        public HttpClient.Version version() {
            return HttpClient.Version.HTTP_1_1;
        }
    }
}
