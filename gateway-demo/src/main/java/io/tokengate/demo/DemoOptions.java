package io.tokengate.demo;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * How the demo gateway runs. Immutable.
 *
 * @param dataDirectory where the PKI, signing key, registry and scripts live; reused across restarts
 * @param bindAddress   the address to listen on (default {@code 127.0.0.1})
 * @param port          HTTPS port, 0 for any free port (default 8443)
 * @param publicHost    the host name in the issuer URL and the scripts (default {@code localhost})
 * @param trustedProxies addresses or CIDR ranges of TLS-terminating proxies whose RFC 9440
 *                      {@code Client-Cert} headers are believed (default none)
 */
public record DemoOptions(Path dataDirectory, String bindAddress, int port, String publicHost,
        List<String> trustedProxies) {
    public DemoOptions {
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(publicHost, "publicHost");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, was " + port);
        }
        trustedProxies = List.copyOf(trustedProxies);
    }

    /** The defaults with another data directory and port. */
    public static DemoOptions of(Path dataDirectory, int port) {
        return new DemoOptions(dataDirectory, "127.0.0.1", port, "localhost", List.of());
    }

    public DemoOptions withTrustedProxies(List<String> proxies) {
        return new DemoOptions(dataDirectory, bindAddress, port, publicHost, proxies);
    }

    /** Reads {@code --data DIR --port N --bind ADDR --host NAME}; anything else is refused with the usage. */
    public static DemoOptions parse(String[] args) {
        Path data = Path.of("data");
        String bind = "127.0.0.1";
        int port = 8443;
        String host = "localhost";
        List<String> proxies = List.of();
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--data" -> data = Path.of(required(args[i], value));
                case "--port" -> port = Integer.parseInt(required(args[i], value));
                case "--bind" -> bind = required(args[i], value);
                case "--host" -> host = required(args[i], value);
                case "--trusted-proxies" -> proxies = List.of(required(args[i], value).split(","));
                default -> throw new IllegalArgumentException("unknown option " + args[i] + "\n" + usage());
            }
            i++;
        }
        return new DemoOptions(data, bind, port, host, proxies);
    }

    private static String required(String option, String value) {
        if (value == null) {
            throw new IllegalArgumentException(option + " needs a value\n" + usage());
        }
        return value;
    }

    static String usage() {
        return "usage: gateway-demo [--data DIR] [--port 8443] [--bind 127.0.0.1] [--host localhost]"
                + " [--trusted-proxies ADDR[,CIDR...]]";
    }
}
