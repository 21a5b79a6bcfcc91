package io.tokengate.benchmarks;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;

/**
 * Load generator for the running gateway demo: N virtual clients (platform threads, one request
 * at a time each) post the {@code tls_client_auth} grant over mutual TLS for a fixed time after a
 * warm-up, one concurrency level after another, and print a Markdown table row per level:
 * tokens/s, p50 and p99 latency, CPU time per token of this load generator and, when
 * {@code --server-pid} is given, of the server, how busy the whole machine was and how much of it
 * went to other processes (which the load generator shares the machine with). One {@link HttpClient} (HTTP/1.1, keep-alive) is shared, so connections and TLS sessions
 * are reused. Only 200 answers count; any other answer or error stops the run with exit code 1.
 * With {@code --grant password} or {@code --grant refresh_token} the requests issue refresh tokens
 * ({@link RefreshGrants}), which puts the token store's database on the request path.
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.tokengate.benchmarks.LoadRun --data DIR \
 *     --url https://localhost:8443/oauth2/v1/token --concurrency 1,8,32 --duration 20s
 * </pre>
 */
public final class LoadRun {
    private final LoadOptions options;
    private final HttpClient http;
    private final HttpRequest request;
    private final RefreshGrants refreshGrants;
    private final AtomicReference<String> failure = new AtomicReference<>();

    private volatile boolean running;
    private volatile long windowStart = Long.MAX_VALUE;
    private volatile long windowEnd = Long.MAX_VALUE;

    LoadRun(LoadOptions options, SSLContext tls) {
        this.options = options;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .sslContext(tls)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        String form = "grant_type=tls_client_auth&client_id=" + URLEncoder.encode(options.clientId(), StandardCharsets.UTF_8)
                + "&scope=" + URLEncoder.encode(options.scope(), StandardCharsets.UTF_8);
        this.request = HttpRequest.newBuilder(options.url())
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded;charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        this.refreshGrants = "tls_client_auth".equals(options.grant()) ? null
                : RefreshGrants.fromDemo(options.dataDirectory(), options.url(), options.scope());
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
        System.out.printf("%s, %s warm-up and %s measured per level, %d cores on this machine (shared with the server)%n%n",
                options.url(), options.warmup().toSeconds() + "s", options.duration().toSeconds() + "s",
                Runtime.getRuntime().availableProcessors());
        System.out.println("| Clients | Tokens/s | p50 (ms) | p99 (ms) | Tokens | Server CPU/token (ms) "
                + "| Load generator CPU/token (ms) | Machine busy | Other processes |");
        System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (int clients : options.concurrency()) {
            System.out.println(run.level(clients));
            if (run.failure.get() != null) {
                System.err.println("FAILED: " + run.failure.get());
                System.exit(1);
            }
        }
        options.serverPid().flatMap(ProcessCpu::residentMemory)
                .ifPresent(memory -> System.out.println("\nServer memory after the run: " + memory));
    }

    /** Runs one concurrency level and returns its table row. */
    String level(int clients) throws InterruptedException {
        running = true;
        windowStart = Long.MAX_VALUE;
        windowEnd = Long.MAX_VALUE;
        List<Client> workers = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            Client c = new Client("load-client-" + i);
            workers.add(c);
            c.start();
        }
        sleep(options.warmup());
        long serverBefore = options.serverPid().map(ProcessCpu::processMillis).orElse(0L);
        long selfBefore = ProcessCpu.selfMillis();
        long[] machineBefore = ProcessCpu.machineTicks();
        windowStart = System.nanoTime();
        sleep(options.duration());
        windowEnd = System.nanoTime();
        long serverAfter = options.serverPid().map(ProcessCpu::processMillis).orElse(0L);
        long selfAfter = ProcessCpu.selfMillis();
        long[] machineAfter = ProcessCpu.machineTicks();
        running = false;
        for (Client c : workers) {
            c.join(15_000);
        }
        if (failure.get() != null) {
            return "| " + clients + " | failed | | | | | | | |";
        }
        long[] latencies = workers.stream().map(Client::latencies).flatMapToLong(Arrays::stream).sorted().toArray();
        int tokens = latencies.length;
        double seconds = (windowEnd - windowStart) / 1e9;
        String serverCpu = options.serverPid().isPresent() && tokens > 0
                ? String.format("%.3f", (double) (serverAfter - serverBefore) / tokens) : "n/a";
        String selfCpu = tokens > 0 ? String.format("%.3f", (double) (selfAfter - selfBefore) / tokens) : "n/a";
        long totalTicks = Math.max(1, machineAfter[1] - machineBefore[1]);
        long busyTicks = machineAfter[0] - machineBefore[0];
        double busy = 100.0 * busyTicks / totalTicks;
        // what neither the server nor this load generator used: other processes and the kernel's own work
        long othersMillis = busyTicks * 1000 / ProcessCpu.TICKS_PER_SECOND - (serverAfter - serverBefore) - (selfAfter - selfBefore);
        String others = options.serverPid().isPresent()
                ? String.format("%.0f%%", Math.max(0, 100.0 * othersMillis / (totalTicks * 1000.0 / ProcessCpu.TICKS_PER_SECOND)))
                : "n/a";
        return String.format("| %d | %,.0f | %.2f | %.2f | %,d | %s | %s | %.0f%% | %s |", clients, tokens / seconds,
                percentile(latencies, 0.50), percentile(latencies, 0.99), tokens, serverCpu, selfCpu, busy, others);
    }

    private static double percentile(long[] sortedNanos, double p) {
        if (sortedNanos.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p * sortedNanos.length) - 1;
        return sortedNanos[Math.max(0, Math.min(index, sortedNanos.length - 1))] / 1e6;
    }

    private void sleep(Duration d) throws InterruptedException {
        long end = System.nanoTime() + d.toNanos();
        while (failure.get() == null) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                return;
            }
            Thread.sleep(Math.min(100, Math.max(1, left / 1_000_000)));
        }
    }

    /** One virtual client: a request at a time until the level ends; keeps the latencies of requests that completed in the window. */
    private final class Client extends Thread {
        private long[] latencies = new long[4096];
        private int count;

        Client(String name) {
            super(name);
            setDaemon(true);
        }

        private String refreshToken;

        @Override
        public void run() {
            while (running && failure.get() == null) {
                long start = System.nanoTime();
                HttpResponse<String> response;
                try {
                    HttpRequest next = request;
                    if (refreshGrants != null) {
                        if (refreshToken == null || "password".equals(options.grant())) {
                            next = refreshGrants.password();
                        } else {
                            next = refreshGrants.refresh(refreshToken);
                        }
                    }
                    response = http.send(next, HttpResponse.BodyHandlers.ofString());
                    if (refreshGrants != null && response.statusCode() == 200) {
                        refreshToken = RefreshGrants.refreshTokenOf(response.body());
                    }
                } catch (IOException e) {
                    failure.compareAndSet(null, getName() + ": " + e);
                    return;
                } catch (InterruptedException e) {
                    return;
                }
                long end = System.nanoTime();
                if (response.statusCode() != 200 || !response.body().startsWith("{\"access_token\":")) {
                    String body = response.body();
                    failure.compareAndSet(null, getName() + ": HTTP " + response.statusCode() + " "
                            + body.substring(0, Math.min(300, body.length())));
                    return;
                }
                if (end > windowStart && end <= windowEnd) {
                    if (count == latencies.length) {
                        latencies = Arrays.copyOf(latencies, count * 2);
                    }
                    latencies[count++] = end - start;
                }
            }
        }

        long[] latencies() {
            return Arrays.copyOf(latencies, count);
        }
    }
}
