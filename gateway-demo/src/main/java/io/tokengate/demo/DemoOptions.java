package io.tokengate.demo;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How the demo gateway runs. Immutable.
 *
 * @param dataDirectory where the PKI, signing key, registry and scripts live; reused across restarts
 * @param bindAddress   the address to listen on (default {@code 127.0.0.1})
 * @param port          HTTPS port, 0 for any free port (default 8443)
 * @param publicHost    the host name in the issuer URL and the scripts (default {@code localhost})
 * @param trustedProxies addresses or CIDR ranges of TLS-terminating proxies whose RFC 9440
 *                      {@code Client-Cert} headers are believed (default none)
 * @param benchmarkUnprotectedPath a benchmarking aid, off by default: a path prefix (such as
 *                      {@code /bench-unprotected}) under which the protected API's servlet is served a
 *                      second time WITHOUT {@link io.tokengate.resource.BearerTokenFilter}, so that a load
 *                      run can compare the protected endpoint with its unprotected twin in one server
 */
public record DemoOptions(Path dataDirectory, String bindAddress, int port, String publicHost,
        List<String> trustedProxies, Optional<String> benchmarkUnprotectedPath) {
    /** Paths the unprotected twin must stay clear of: the protected API and the authorization server. */
    private static final List<String> RESERVED = List.of("/api", "/oauth2", "/.well-known");

    public DemoOptions {
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(publicHost, "publicHost");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, was " + port);
        }
        trustedProxies = List.copyOf(trustedProxies);
        Objects.requireNonNull(benchmarkUnprotectedPath, "benchmarkUnprotectedPath").ifPresent(DemoOptions::checkUnprotectedPath);
    }

    private static void checkUnprotectedPath(String path) {
        if (!path.matches("(/[A-Za-z0-9._~-]+)+") || java.util.Arrays.stream(path.split("/")).anyMatch(s -> s.matches("\\.+"))) {
            throw new IllegalArgumentException("--benchmark-unprotected-path must be a path prefix such as"
                    + " /bench-unprotected (segments of letters, digits and ._~-, not only dots), was '" + path + "'");
        }
        for (String reserved : RESERVED) {
            if (path.equals(reserved) || path.startsWith(reserved + "/")) {
                throw new IllegalArgumentException("--benchmark-unprotected-path must not lie under " + reserved
                        + ", which the gateway serves itself, was '" + path + "'");
            }
        }
    }

    /** The defaults with another data directory and port. */
    public static DemoOptions of(Path dataDirectory, int port) {
        return new DemoOptions(dataDirectory, "127.0.0.1", port, "localhost", List.of(), Optional.empty());
    }

    public DemoOptions withTrustedProxies(List<String> proxies) {
        return new DemoOptions(dataDirectory, bindAddress, port, publicHost, proxies, benchmarkUnprotectedPath);
    }

    /** The same options with the unprotected twin of the API served under {@code path} (a benchmarking aid). */
    public DemoOptions withBenchmarkUnprotectedPath(String path) {
        return new DemoOptions(dataDirectory, bindAddress, port, publicHost, trustedProxies, Optional.of(path));
    }

    /** Reads {@code --data DIR --port N --bind ADDR --host NAME --trusted-proxies LIST --benchmark-unprotected-path P}; anything else is refused with the usage. */
    public static DemoOptions parse(String[] args) {
        Path data = Path.of("data");
        String bind = "127.0.0.1";
        int port = 8443;
        String host = "localhost";
        List<String> proxies = List.of();
        Optional<String> unprotected = Optional.empty();
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--data" -> data = Path.of(required(args[i], value));
                case "--port" -> port = Integer.parseInt(required(args[i], value));
                case "--bind" -> bind = required(args[i], value);
                case "--host" -> host = required(args[i], value);
                case "--trusted-proxies" -> proxies = List.of(required(args[i], value).split(","));
                case "--benchmark-unprotected-path" -> unprotected = Optional.of(required(args[i], value));
                default -> throw new IllegalArgumentException("unknown option " + args[i] + "\n" + usage());
            }
            i++;
        }
        return new DemoOptions(data, bind, port, host, proxies, unprotected);
    }

    private static String required(String option, String value) {
        if (value == null) {
            throw new IllegalArgumentException(option + " needs a value\n" + usage());
        }
        return value;
    }

    static String usage() {
        return "usage: gateway-demo [--data DIR] [--port 8443] [--bind 127.0.0.1] [--host localhost]"
                + " [--trusted-proxies ADDR[,CIDR...]] [--benchmark-unprotected-path /PATH (benchmarking aid:"
                + " the API's servlet again, without the bearer filter)]";
    }
}
