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
 * @param cluster       how this node shares state with others (default: H2 in the data directory)
 */
public record DemoOptions(Path dataDirectory, String bindAddress, int port, String publicHost,
        List<String> trustedProxies, Optional<String> benchmarkUnprotectedPath, Cluster cluster) {
    /** Paths the unprotected twin must stay clear of: the protected API and the authorization server. */
    private static final List<String> RESERVED = List.of("/api", "/oauth2", "/.well-known");

    /**
     * How a node joins a fleet. Immutable.
     *
     * @param jdbcUrl          the shared database (PostgreSQL); empty for H2 in file mode in the data directory
     * @param jdbcUser         its user, if the URL does not name one
     * @param jdbcPassword     its password, if any
     * @param issuer           the issuer URL every node of the fleet shares (behind one load balancer);
     *                         empty for {@code https://HOST:PORT} of this node
     * @param rotateSigningKey rotate the signing key once on start (the rotation command)
     */
    public record Cluster(Optional<String> jdbcUrl, Optional<String> jdbcUser, Optional<String> jdbcPassword,
            Optional<String> issuer, boolean rotateSigningKey) {
        public Cluster {
            Objects.requireNonNull(jdbcUrl, "jdbcUrl");
            Objects.requireNonNull(jdbcUser, "jdbcUser");
            Objects.requireNonNull(jdbcPassword, "jdbcPassword");
            Objects.requireNonNull(issuer, "issuer");
        }

        /** A single node on H2 in its data directory. */
        public static Cluster standalone() {
            return new Cluster(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), false);
        }
    }

    public DemoOptions {
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(publicHost, "publicHost");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, was " + port);
        }
        trustedProxies = List.copyOf(trustedProxies);
        Objects.requireNonNull(benchmarkUnprotectedPath, "benchmarkUnprotectedPath").ifPresent(DemoOptions::checkUnprotectedPath);
        Objects.requireNonNull(cluster, "cluster");
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
        return new DemoOptions(dataDirectory, "127.0.0.1", port, "localhost", List.of(), Optional.empty(),
                Cluster.standalone());
    }

    public DemoOptions withTrustedProxies(List<String> proxies) {
        return new DemoOptions(dataDirectory, bindAddress, port, publicHost, proxies, benchmarkUnprotectedPath, cluster);
    }

    /** The same options with the unprotected twin of the API served under {@code path} (a benchmarking aid). */
    public DemoOptions withBenchmarkUnprotectedPath(String path) {
        return new DemoOptions(dataDirectory, bindAddress, port, publicHost, trustedProxies, Optional.of(path), cluster);
    }

    public DemoOptions withCluster(Cluster value) {
        return new DemoOptions(dataDirectory, bindAddress, port, publicHost, trustedProxies, benchmarkUnprotectedPath,
                value);
    }

    /**
     * Reads {@code --data DIR --port N --bind ADDR --host NAME --trusted-proxies LIST
     * --benchmark-unprotected-path P --jdbc-url URL --jdbc-user USER --issuer URL --rotate-signing-key};
     * anything else is refused with the usage.
     */
    public static DemoOptions parse(String[] args) {
        Path data = Path.of("data");
        String bind = "127.0.0.1";
        int port = 8443;
        String host = "localhost";
        List<String> proxies = List.of();
        Optional<String> unprotected = Optional.empty();
        Optional<String> jdbcUrl = Optional.empty();
        Optional<String> jdbcUser = Optional.empty();
        Optional<String> jdbcPassword = Optional.ofNullable(System.getenv("TOKENGATE_JDBC_PASSWORD"));
        Optional<String> issuer = Optional.empty();
        boolean rotate = false;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--data" -> data = Path.of(required(args[i], value));
                case "--port" -> port = Integer.parseInt(required(args[i], value));
                case "--bind" -> bind = required(args[i], value);
                case "--host" -> host = required(args[i], value);
                case "--trusted-proxies" -> proxies = List.of(required(args[i], value).split(","));
                case "--benchmark-unprotected-path" -> unprotected = Optional.of(required(args[i], value));
                case "--jdbc-url" -> jdbcUrl = Optional.of(required(args[i], value));
                case "--jdbc-user" -> jdbcUser = Optional.of(required(args[i], value));
                case "--issuer" -> issuer = Optional.of(required(args[i], value));
                case "--rotate-signing-key" -> {
                    rotate = true;
                    i--;
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i] + "\n" + usage());
            }
            i++;
        }
        return new DemoOptions(data, bind, port, host, proxies, unprotected,
                new Cluster(jdbcUrl, jdbcUser, jdbcPassword, issuer, rotate));
    }

    private static String required(String option, String value) {
        if (value == null) {
            throw new IllegalArgumentException(option + " needs a value\n" + usage());
        }
        return value;
    }

    static String usage() {
        return "usage: gateway-demo [--data DIR] [--port 8443] [--bind 127.0.0.1] [--host localhost]"
                + " [--trusted-proxies ADDR[,CIDR...]] [--jdbc-url URL [--jdbc-user USER]] [--issuer URL]"
                + " [--rotate-signing-key]   (the database password comes from TOKENGATE_JDBC_PASSWORD)"
                + " [--benchmark-unprotected-path /PATH (benchmarking aid: the API's servlet again, without the"
                + " bearer filter)]";
    }
}
