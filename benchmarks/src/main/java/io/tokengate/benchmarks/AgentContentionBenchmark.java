package io.tokengate.benchmarks;

import io.tokengate.agent.ClientAuth;
import io.tokengate.agent.TokenAgent;
import io.tokengate.agent.TokenAgentConfig;
import io.tokengate.agent.TokenKey;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * One key under contention: 8 threads call {@link TokenAgent#accessToken(TokenKey)} for the same
 * key as fast as they can. With {@code expiresIn=0} every token is stale as soon as it arrives, so
 * every call needs a token request: the figure shows how many token requests per second one key
 * gets through the agent's single-flight (the stub endpoint's own cost is near zero), and that the
 * callers share them — each iteration prints {@code token requests/s} counted at the endpoint beside
 * JMH's calls/s. With {@code expiresIn=3600} it is the cached path under 8-thread contention.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(8)
public class AgentContentionBenchmark {
    @Param({"0", "3600"})
    public long expiresIn;

    private StubTokenEndpoint endpoint;
    private TokenAgent agent;
    private TokenKey key;
    private long requestsAtStart;
    private long startNanos;

    @Setup
    public void setUp() throws Exception {
        endpoint = new StubTokenEndpoint(expiresIn);
        agent = TokenAgent.create(TokenAgentConfig.builder("bench-agent").tokenEndpoint(endpoint.url())
                .trustAnchors(List.of(endpoint.trustAnchor())).clientAuth(ClientAuth.CLIENT_SECRET_BASIC).clientSecret("s")
                .assertionSource((subject, tokenEndpoint) -> "assertion").refreshAhead(Duration.ZERO).expirySkew(Duration.ZERO)
                .build(), () -> Optional.of("alice"));
        key = agent.keyFor("https://orders/", Set.of("orders.read"));
        agent.accessToken(key);
    }

    @Setup(Level.Iteration)
    public void startCounting() {
        requestsAtStart = endpoint.requests();
        startNanos = System.nanoTime();
    }

    @TearDown(Level.Iteration)
    public void printTokenRequestRate() {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        System.out.printf("  token requests/s at the endpoint: %.0f%n", (endpoint.requests() - requestsAtStart) / seconds);
    }

    @TearDown
    public void tearDown() {
        endpoint.close();
    }

    @Benchmark
    public Object sameKey() {
        return agent.accessToken(key);
    }
}
