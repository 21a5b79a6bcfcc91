package io.tokengate.benchmarks;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What {@link LoadRun} does. Immutable; {@link #parse} reads the command line and refuses
 * anything it does not know, a target that is not on the loopback interface, and runs that would
 * not be bounded in time.
 *
 * @param dataDirectory where the demo keeps {@code client.key}, {@code client.crt} and {@code cacert.crt}
 * @param url           the token endpoint, on a loopback address
 * @param concurrency   the numbers of virtual clients, one level after another
 * @param duration      how long each level is measured
 * @param warmup        how long each level runs before it is measured
 * @param serverPid     the server process, to read its CPU time from {@code /proc}; empty to skip
 * @param clientId      the client the grant is requested for
 * @param scope         the scope requested
 * @param mode          {@code token}: load the token endpoint; {@code api}: obtain one token, then load
 *                      the protected API and its unprotected twin in alternating windows
 * @param apiUrl        in {@code api} mode, the protected endpoint (behind the bearer filter)
 * @param unprotectedUrl in {@code api} mode, the same servlet without the filter (the demo's
 *                      {@code --benchmark-unprotected-path})
 * @param rounds        in {@code api} mode, how many times each target is measured per level, alternating
 * @param serverWarmup  in {@code api} mode, how long both targets are loaded in turn before anything is
 *                      measured, so that the server's JIT has compiled both paths (default 30 s)
 * @param grant         in {@code token} mode: {@code tls_client_auth} (default; no database work),
 *                      {@code password} (the demo user with {@code offline_access}: one refresh token
 *                      stored per request) or {@code refresh_token} (each client rotates its own
 *                      refresh token: one found and rotated per request)
 */
record LoadOptions(Path dataDirectory, URI url, List<Integer> concurrency, Duration duration, Duration warmup,
        Optional<Long> serverPid, String clientId, String scope, Mode mode, Optional<URI> apiUrl,
        Optional<URI> unprotectedUrl, int rounds, Duration serverWarmup, String grant) {

    static final List<String> GRANTS = List.of("tls_client_auth", "password", "refresh_token");

    /** What is loaded. */
    enum Mode { TOKEN, API }

    static final String USAGE = "usage: LoadRun --data DIR [--url https://localhost:8443/oauth2/v1/token]"
            + " [--concurrency 1,8,32] [--duration 20s] [--warmup 5s] [--server-pid PID]"
            + " [--client-id demo-batch-client] [--scope https://demo-api.tokengate.test/orders.read]"
            + " [--mode token|api --api-url https://localhost:8443/api/orders"
            + " --unprotected-url https://localhost:8443/bench-unprotected/orders --rounds 3 --server-warmup 30s]"
            + " [--grant tls_client_auth|password|refresh_token]";

    LoadOptions {
        concurrency = List.copyOf(concurrency);
        if (concurrency.isEmpty() || concurrency.stream().anyMatch(n -> n < 1 || n > 256)) {
            throw new IllegalArgumentException("--concurrency must list numbers between 1 and 256, was " + concurrency);
        }
        if (duration.compareTo(Duration.ofSeconds(1)) < 0 || duration.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new IllegalArgumentException("--duration must be between 1s and 10m, was " + duration);
        }
        if (warmup.isNegative() || warmup.compareTo(Duration.ofMinutes(5)) > 0) {
            throw new IllegalArgumentException("--warmup must be between 0s and 5m, was " + warmup);
        }
        if (!"https".equals(url.getScheme()) || url.getHost() == null) {
            throw new IllegalArgumentException("--url must be an https URL, was " + url);
        }
        if (!GRANTS.contains(grant)) {
            throw new IllegalArgumentException("--grant must be one of " + GRANTS + ", was " + grant);
        }
        if (!isLoopback(url.getHost())) {
            throw new IllegalArgumentException("--url must point at this machine (a loopback address), was " + url);
        }
        if (mode == Mode.API && (apiUrl.isEmpty() || unprotectedUrl.isEmpty())) {
            throw new IllegalArgumentException("--mode api needs --api-url and --unprotected-url");
        }
        if (mode == Mode.TOKEN && (apiUrl.isPresent() || unprotectedUrl.isPresent())) {
            throw new IllegalArgumentException("--api-url and --unprotected-url are for --mode api");
        }
        for (URI u : List.of(apiUrl, unprotectedUrl).stream().flatMap(Optional::stream).toList()) {
            if (!"https".equals(u.getScheme()) || u.getHost() == null || !isLoopback(u.getHost())) {
                throw new IllegalArgumentException("--api-url and --unprotected-url must be https URLs on this machine"
                        + " (a loopback address), was " + u);
            }
        }
        if (serverWarmup.isNegative() || serverWarmup.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new IllegalArgumentException("--server-warmup must be between 0s and 10m, was " + serverWarmup);
        }
        if (rounds < 1 || rounds > 100) {
            throw new IllegalArgumentException("--rounds must be between 1 and 100, was " + rounds);
        }
    }

    static LoadOptions parse(String[] args) {
        Path data = null;
        URI url = URI.create("https://localhost:8443/oauth2/v1/token");
        List<Integer> concurrency = List.of(1, 8, 32);
        Duration duration = Duration.ofSeconds(20);
        Duration warmup = Duration.ofSeconds(5);
        Optional<Long> pid = Optional.empty();
        String clientId = SampleToken.CLIENT_ID;
        String scope = SampleToken.SCOPE;
        Mode mode = Mode.TOKEN;
        Optional<URI> apiUrl = Optional.empty();
        Optional<URI> unprotectedUrl = Optional.empty();
        int rounds = 3;
        Duration serverWarmup = Duration.ofSeconds(30);
        String grant = "tls_client_auth";
        for (int i = 0; i < args.length; i += 2) {
            String option = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(option + " needs a value\n" + USAGE);
            }
            String value = args[i + 1];
            switch (option) {
                case "--data" -> data = Path.of(value);
                case "--url" -> url = URI.create(value);
                case "--concurrency" -> concurrency = Arrays.stream(value.split(","))
                        .map(String::trim).map(Integer::valueOf).toList();
                case "--duration" -> duration = duration(option, value);
                case "--warmup" -> warmup = duration(option, value);
                case "--server-pid" -> pid = Optional.of(Long.valueOf(value));
                case "--client-id" -> clientId = value;
                case "--scope" -> scope = value;
                case "--mode" -> mode = switch (value) {
                    case "token" -> Mode.TOKEN;
                    case "api" -> Mode.API;
                    default -> throw new IllegalArgumentException("--mode must be token or api, was " + value);
                };
                case "--api-url" -> apiUrl = Optional.of(URI.create(value));
                case "--unprotected-url" -> unprotectedUrl = Optional.of(URI.create(value));
                case "--rounds" -> rounds = Integer.parseInt(value);
                case "--server-warmup" -> serverWarmup = duration(option, value);
                case "--grant" -> grant = value;
                default -> throw new IllegalArgumentException("unknown option " + option + "\n" + USAGE);
            }
        }
        if (data == null) {
            throw new IllegalArgumentException("--data is required\n" + USAGE);
        }
        return new LoadOptions(data, url, concurrency, duration, warmup, pid, clientId, scope, mode, apiUrl,
                unprotectedUrl, rounds, serverWarmup, grant);
    }

    /** {@code 20s}, {@code 500ms}, {@code 2m}, or ISO-8601 such as {@code PT20S}. */
    static Duration duration(String option, String value) {
        try {
            if (value.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
            }
            if (value.endsWith("s")) {
                return Duration.ofSeconds(Long.parseLong(value.substring(0, value.length() - 1)));
            }
            if (value.endsWith("m")) {
                return Duration.ofMinutes(Long.parseLong(value.substring(0, value.length() - 1)));
            }
            return Duration.parse(value);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(option + " must be like 20s, 500ms, 2m or PT20S, was '" + value + "'");
        }
    }

    private static boolean isLoopback(String host) {
        try {
            String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
            return Arrays.stream(InetAddress.getAllByName(h)).allMatch(InetAddress::isLoopbackAddress);
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
