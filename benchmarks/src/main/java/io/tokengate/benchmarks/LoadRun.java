package io.tokengate.benchmarks;

import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;

/**
 * Load generator for the running gateway demo, in one of two modes.
 * <ul>
 * <li>{@code --mode token} (the default): N virtual clients (platform threads, one request at a
 *     time each) post the {@code tls_client_auth} grant over mutual TLS for a fixed time after a
 *     warm-up, one concurrency level after another.</li>
 * <li>{@code --mode api}: obtains one access token with that grant, then loads the protected API
 *     ({@code --api-url}, behind {@code BearerTokenFilter}) and its unprotected twin
 *     ({@code --unprotected-url}, the demo's {@code --benchmark-unprotected-path}) with the same
 *     clients, the same request (certificate and {@code Authorization} header included) and
 *     alternating windows; see {@link ApiComparison}.</li>
 * </ul>
 * Each level prints a Markdown table row: requests/s, p50 and p99 latency, CPU time per request of
 * this load generator and, when {@code --server-pid} is given, of the server, how busy the whole
 * machine was and how much of it went to other processes (which the load generator shares the
 * machine with). One {@link HttpClient} (HTTP/1.1, keep-alive) is shared, so connections and TLS
 * sessions are reused. Only the expected 200 answers count; any other answer or error stops the
 * run with exit code 1. In {@code token} mode, {@code --grant password} or {@code --grant refresh_token}
 * makes the requests issue refresh tokens ({@link RefreshGrants}), which puts the token store's
 * database on the request path.
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.tokengate.benchmarks.LoadRun --data DIR \
 *     --url https://localhost:8443/oauth2/v1/token --concurrency 1,8,32 --duration 20s
 * </pre>
 */
public final class LoadRun {
    private final LoadOptions options;
    private final HttpClient http;
    private final HttpRequest tokenRequest;

    LoadRun(LoadOptions options, SSLContext tls) {
        this.options = options;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .sslContext(tls)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        String form = "grant_type=tls_client_auth&client_id=" + URLEncoder.encode(options.clientId(), StandardCharsets.UTF_8)
                + "&scope=" + URLEncoder.encode(options.scope(), StandardCharsets.UTF_8);
        this.tokenRequest = HttpRequest.newBuilder(options.url())
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded;charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
    }

    public static void main(String[] args) throws Exception {
        LoadOptions options;
        try {
            options = LoadOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        SSLContext tls = MutualTls.context(options.dataDirectory().resolve("client.key"),
                options.dataDirectory().resolve("client.crt"), options.dataDirectory().resolve("cacert.crt"));
        LoadRun run = new LoadRun(options, tls);
        try {
            if (options.mode() == LoadOptions.Mode.API) {
                new ApiComparison(options, run.http, run.tokenRequest).run();
            } else {
                run.tokens();
            }
        } catch (IllegalStateException e) {
            System.err.println("FAILED: " + e.getMessage());
            System.exit(1);
        }
        options.serverPid().flatMap(ProcessCpu::residentMemory)
                .ifPresent(memory -> System.out.println("\nServer memory after the run: " + memory));
    }

    /** The token endpoint, level after level. */
    private void tokens() throws InterruptedException {
        System.out.printf("%s, %s warm-up and %s measured per level, %d cores on this machine (shared with the server)%n%n",
                options.url(), options.warmup().toSeconds() + "s", options.duration().toSeconds() + "s",
                Runtime.getRuntime().availableProcessors());
        System.out.println("| Clients | Tokens/s | p50 (ms) | p99 (ms) | Tokens | Server CPU/token (ms) "
                + "| Load generator CPU/token (ms) | Machine busy | Other processes |");
        System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        LoadWindow window = new LoadWindow(http, options.serverPid());
        Supplier<LoadWindow.Requests> requests = "tls_client_auth".equals(options.grant())
                ? LoadWindow.Requests.fixed(tokenRequest)
                : RefreshGrants.fromDemo(options.dataDirectory(), options.url(), options.scope()).perClient(options.grant());
        for (int clients : options.concurrency()) {
            LoadWindow.Result r = window.run(clients, requests, LoadRun::isToken, "200 with an access_token",
                    options.warmup(), options.duration());
            System.out.printf("| %d | %,.0f | %.2f | %.2f | %,d | %s | %.3f | %.0f%% | %s |%n", clients, r.perSecond(),
                    r.percentileMillis(0.50), r.percentileMillis(0.99), r.requests(),
                    format("%.3f", r.serverMillisPerRequest()), r.selfMillisPerRequest(), r.machineBusyPercent(),
                    format("%.0f%%", r.othersPercent()));
        }
    }

    static boolean isToken(HttpResponse<String> response) {
        return response.statusCode() == 200 && response.body().startsWith("{\"access_token\":");
    }

    static String format(String pattern, double value) {
        return Double.isNaN(value) ? "n/a" : String.format(pattern, value);
    }
}
