package io.tokengate.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code LoadRun --mode api}: what the bearer token filter costs a real server. It obtains one
 * access token from the token endpoint (the {@code tls_client_auth} grant, so the token is bound to
 * the load generator's certificate), then, per concurrency level, measures the protected endpoint
 * and its unprotected twin (the same servlet without the filter) in alternating windows, ABBA
 * order ({@code --rounds} windows each, every window with its own warm-up), with the same clients,
 * connections and request: a GET with the client certificate and {@code Authorization: Bearer}.
 * After the first request the filter validates the token from its cache, so the run measures the
 * cache-hit path. Before the first level both targets are loaded in turn, 5 s each, unmeasured,
 * for {@code --server-warmup} (default 30 s) at the highest concurrency, so that the server's JIT
 * has compiled both paths: on a fresh server, compilation otherwise falls into the first windows
 * and is counted as server CPU. An answer counts only if it is a 200 from the servlet with the client's identity
 * (protected) or with none (twin), which proves the filter did or did not run. Prints, per level,
 * a row per target over all its windows, the throughput ratio and the server CPU the filter added per
 * request, over all windows and as the median and quartiles of the rounds (on a shared machine,
 * other processes' bursts hit single windows; many short rounds and their median resist them),
 * and the ratio of each round.
 */
final class ApiComparison {
    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\":\"([A-Za-z0-9._~+/=-]+)\"");

    private final LoadOptions options;
    private final HttpClient http;
    private final HttpRequest tokenRequest;

    ApiComparison(LoadOptions options, HttpClient http, HttpRequest tokenRequest) {
        this.options = options;
        this.http = http;
        this.tokenRequest = tokenRequest;
    }

    void run() throws Exception {
        String token = token();
        URI api = options.apiUrl().orElseThrow();
        URI twin = options.unprotectedUrl().orElseThrow();
        HttpRequest protectedGet = get(api, token);
        HttpRequest unprotectedGet = get(twin, token);
        String identity = "\"client_id\":\"" + options.clientId() + "\"";
        Predicate<HttpResponse<String>> authenticated = r -> r.statusCode() == 200 && r.body().contains(identity)
                && r.body().contains("\"auth_type\":\"Bearer\"");
        Predicate<HttpResponse<String>> anonymous = r -> r.statusCode() == 200 && r.body().contains("\"client_id\":null");
        check(protectedGet, authenticated, "the protected endpoint");
        check(unprotectedGet, anonymous, "the unprotected twin");

        System.out.printf("protected %s, unprotected %s; per level %d windows each, alternating (ABBA), each %ss warm-up"
                + " + %ss measured, after %ss of unmeasured load on both in turn; %d cores on this machine (shared with the server)%n%n", api, twin, options.rounds(),
                options.warmup().toSeconds(), options.duration().toSeconds(), options.serverWarmup().toSeconds(), Runtime.getRuntime().availableProcessors());
        System.out.println("| Clients | Target | Requests/s | p50 (ms) | p99 (ms) | Requests | Server CPU/request (µs) "
                + "| Load generator CPU/request (µs) | Machine busy | Other processes |");
        System.out.println("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        List<String> summaries = new ArrayList<>();
        LoadWindow window = new LoadWindow(http, options.serverPid());
        // both paths compiled by the server's JIT before anything is measured: unmeasured stretches, in turn
        int most = options.concurrency().stream().max(Integer::compare).orElseThrow();
        Duration slice = Duration.ofSeconds(5);
        for (long left = options.serverWarmup().toMillis(); left > 0; left -= 2 * slice.toMillis()) {
            window.run(most, protectedGet, authenticated, "200 with the caller's identity", slice, Duration.ZERO);
            window.run(most, unprotectedGet, anonymous, "200 without a caller", slice, Duration.ZERO);
        }
        for (int clients : options.concurrency()) {
            LoadWindow.Result withFilter = null;
            LoadWindow.Result without = null;
            List<String> rounds = new ArrayList<>();
            List<Double> ratios = new ArrayList<>();
            List<Double> added = new ArrayList<>();
            for (int round = 0; round < options.rounds(); round++) {
                boolean protectedFirst = round % 2 == 0;
                LoadWindow.Result a = null;
                LoadWindow.Result b = null;
                for (int half = 0; half < 2; half++) {
                    if (protectedFirst == (half == 0)) {
                        a = window.run(clients, protectedGet, authenticated, "200 with the caller's identity",
                                options.warmup(), options.duration());
                    } else {
                        b = window.run(clients, unprotectedGet, anonymous, "200 without a caller",
                                options.warmup(), options.duration());
                    }
                }
                withFilter = withFilter == null ? a : withFilter.plus(a);
                without = without == null ? b : without.plus(b);
                ratios.add(100 * a.perSecond() / b.perSecond());
                added.add(1000 * (a.serverMillisPerRequest() - b.serverMillisPerRequest()));
                rounds.add(String.format("%.1f%% (%.0f%%/%.0f%% other)", 100 * a.perSecond() / b.perSecond(),
                        a.othersPercent(), b.othersPercent()));
            }
            System.out.println(row(clients, "protected (filter)", withFilter));
            System.out.println(row(clients, "unprotected twin", without));
            summaries.add(String.format("%d clients: protected/unprotected throughput %.1f%% over all windows, median of"
                    + " the rounds %.1f%% (quartiles %.1f%%-%.1f%%); the filter added %s µs of server CPU per request over"
                    + " all windows, median of the rounds %s µs (quartiles %s to %s); rounds: %s", clients,
                    100 * withFilter.perSecond() / without.perSecond(), quantile(ratios, 0.5), quantile(ratios, 0.25),
                    quantile(ratios, 0.75),
                    LoadRun.format("%.1f", 1000 * (withFilter.serverMillisPerRequest() - without.serverMillisPerRequest())),
                    LoadRun.format("%.1f", quantile(added, 0.5)), LoadRun.format("%.1f", quantile(added, 0.25)),
                    LoadRun.format("%.1f", quantile(added, 0.75)), String.join(", ", rounds)));
        }
        System.out.println();
        summaries.forEach(System.out::println);
    }

    /** The {@code q}-quantile of {@code values} (nearest rank); medians resist the bursts of other processes. */
    static double quantile(List<Double> values, double q) {
        List<Double> sorted = values.stream().sorted().toList();
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(q * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }

    private static String row(int clients, String target, LoadWindow.Result r) {
        return String.format("| %d | %s | %,.0f | %.2f | %.2f | %,d | %s | %.1f | %.0f%% | %s |", clients, target,
                r.perSecond(), r.percentileMillis(0.50), r.percentileMillis(0.99), r.requests(),
                LoadRun.format("%.1f", 1000 * r.serverMillisPerRequest()), 1000 * r.selfMillisPerRequest(),
                r.machineBusyPercent(), LoadRun.format("%.0f%%", r.othersPercent()));
    }

    private String token() throws Exception {
        HttpResponse<String> response = http.send(tokenRequest, HttpResponse.BodyHandlers.ofString());
        Matcher m = ACCESS_TOKEN.matcher(response.body());
        if (response.statusCode() != 200 || !m.find()) {
            throw new IllegalStateException("no access token from " + tokenRequest.uri() + ": HTTP " + response.statusCode()
                    + " " + response.body().substring(0, Math.min(300, response.body().length())));
        }
        return m.group(1);
    }

    private static HttpRequest get(URI uri, String token) {
        return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + token)
                .GET().build();
    }

    private void check(HttpRequest request, Predicate<HttpResponse<String>> accepted, String what) throws Exception {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (!accepted.test(response)) {
            throw new IllegalStateException(what + " " + request.uri() + " answered HTTP " + response.statusCode() + " "
                    + response.body().substring(0, Math.min(300, response.body().length())));
        }
    }
}
