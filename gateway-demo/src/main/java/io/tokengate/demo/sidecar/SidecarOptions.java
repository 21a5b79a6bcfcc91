package io.tokengate.demo.sidecar;

import io.tokengate.agent.TokenAgentConfig;
import io.tokengate.demo.DemoIdentities;
import io.tokengate.demo.DemoPki;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Command-line options of the sidecar modes ({@code gateway-demo ingress|egress|app-a|app-b …}),
 * each mode an immutable record; {@link #parse(String, String[])} refuses unknown or missing
 * options with the usage. Every mode reads the demo PKI from {@code --data} (default {@code data}).
 */
public final class SidecarOptions {
    /** Application B's resource server in the demo registry, and the scope A's users get for it. */
    public static final String APP_B_AUDIENCE = "https://app-b.tokengate.test/";
    public static final String APP_B_SCOPE = APP_B_AUDIENCE + "hello";

    private SidecarOptions() {
    }

    /**
     * The ingress sidecar: HTTPS on {@code bind:port}, tokens of {@code issuer} for {@code audience}
     * (and the {@code scopeRules}, {@code ScopeRules} syntax) forwarded to {@code upstream}.
     */
    public record Ingress(Path dataDirectory, String bindAddress, int port, String publicHost, URI upstream,
            String issuer, String audience, String realm, String scopeRules) {
        public Ingress {
            Objects.requireNonNull(upstream, "--upstream");
            Objects.requireNonNull(issuer, "--issuer");
            new EgressRoute("/check", upstream, "-", List.of("-")); // same URL rules as a route's upstream
        }
    }

    /**
     * The egress sidecar: plain HTTP on a loopback {@code bind:port} for the local application,
     * {@code routes}, and the outbound agent's configuration as {@link TokenAgentConfig#fromParameters}
     * reads it ({@code --client-id}, {@code --issuer}, {@code --client-auth}, {@code --user-grant}, …;
     * files relative to the data directory), with the demo's Trusted client {@code demo-app-a} as default.
     */
    public record Egress(Path dataDirectory, String bindAddress, int port, List<EgressRoute> routes,
            Map<String, String> agentParameters) {
        public Egress {
            routes = List.copyOf(routes);
            if (routes.isEmpty()) {
                throw new IllegalArgumentException("egress needs at least one --route PREFIX=URL,audience=AUDIENCE,scope=SCOPE");
            }
            if (!Set.of("127.0.0.1", "::1", "localhost").contains(bindAddress)) {
                throw new IllegalArgumentException("--bind: the egress sidecar attaches tokens for whoever calls it and"
                        + " must listen on a loopback address only, not " + bindAddress);
            }
            agentParameters = Map.copyOf(agentParameters);
            if (!agentParameters.containsKey(TokenAgentConfig.ISSUER) && !agentParameters.containsKey(TokenAgentConfig.TOKEN_ENDPOINT)) {
                throw new IllegalArgumentException("egress needs --issuer (or --token-endpoint) of the authorization server\n"
                        + usage());
            }
        }

        /** The demo client {@code demo-app-a} of {@code data} at {@code issuer}, with {@code routes}. */
        public static Egress demoClient(Path data, String bindAddress, int port, String issuer, List<EgressRoute> routes) {
            return new Egress(data, bindAddress, port, routes, agentDefaults(data, Map.of(TokenAgentConfig.ISSUER, issuer)));
        }
    }

    /** The demo application B: plain HTTP on a loopback port, answering with the identity headers. */
    public record AppB(int port) {
    }

    /** The demo application A: HTTPS with a password login, calling B through {@code egress}. */
    public record AppA(Path dataDirectory, int port, URI egress) {
        public AppA {
            Objects.requireNonNull(egress, "--egress");
        }
    }

    /** Parses the options of {@code mode}. */
    public static Record parse(String mode, String[] args) {
        Map<String, List<String>> o = options(args, switch (mode) {
            case "ingress" -> Set.of("--data", "--bind", "--port", "--host", "--upstream", "--issuer", "--audience",
                    "--realm", "--scope-rules");
            case "egress" -> egressOptions();
            case "app-a" -> Set.of("--data", "--port", "--egress");
            case "app-b" -> Set.of("--port");
            default -> throw new IllegalArgumentException("unknown mode " + mode + "\n" + usage());
        });
        Path data = Path.of(one(o, "--data", "data"));
        return switch (mode) {
            case "ingress" -> new Ingress(data, one(o, "--bind", "127.0.0.1"), port(o, 8444), one(o, "--host", "localhost"),
                    url(o, "--upstream"), one(o, "--issuer", null), one(o, "--audience", APP_B_AUDIENCE),
                    one(o, "--realm", "app-b"), one(o, "--scope-rules", "* /*=" + APP_B_SCOPE));
            case "egress" -> new Egress(data, one(o, "--bind", "127.0.0.1"), port(o, 8480),
                    o.getOrDefault("--route", List.of()).stream().map(EgressRoute::parse).toList(),
                    agentDefaults(data, agentParameters(o)));
            case "app-a" -> new AppA(data, port(o, 8445), url(o, "--egress"));
            default -> new AppB(port(o, 8481));
        };
    }

    /** The agent's parameter names, each as an option of the egress mode. */
    private static final List<String> AGENT_PARAMETERS = List.of(TokenAgentConfig.CLIENT_ID, TokenAgentConfig.ISSUER,
            TokenAgentConfig.TOKEN_ENDPOINT, TokenAgentConfig.CLIENT_AUTH, TokenAgentConfig.CLIENT_SECRET_FILE,
            TokenAgentConfig.CLIENT_KEY_FILE, TokenAgentConfig.CLIENT_CERTIFICATE_FILE, TokenAgentConfig.TRUST_ANCHORS_FILE,
            TokenAgentConfig.USER_GRANT, TokenAgentConfig.CLIENT_GRANT, TokenAgentConfig.CONNECT_TIMEOUT,
            TokenAgentConfig.REQUEST_TIMEOUT, TokenAgentConfig.ACQUIRE_TIMEOUT, TokenAgentConfig.MAX_ATTEMPTS,
            TokenAgentConfig.REFRESH_AHEAD, TokenAgentConfig.EXPIRY_SKEW);

    private static Set<String> egressOptions() {
        Set<String> options = new java.util.HashSet<>(Set.of("--data", "--bind", "--port", "--route"));
        AGENT_PARAMETERS.forEach(name -> options.add("--" + name));
        return options;
    }

    private static Map<String, String> agentParameters(Map<String, List<String>> o) {
        Map<String, String> parameters = new HashMap<>();
        for (String name : AGENT_PARAMETERS) {
            String value = one(o, "--" + name, "");
            if (!value.isEmpty()) {
                parameters.put(name, value);
            }
        }
        return parameters;
    }

    /**
     * {@code given} over the demo client's defaults (id {@code demo-app-a}, its key and certificate,
     * the demo CA, client_secret_basic with its secret file, jwt-bearer); relative files resolved in
     * {@code data}.
     */
    static Map<String, String> agentDefaults(Path data, Map<String, String> given) {
        String clientAuth = given.getOrDefault(TokenAgentConfig.CLIENT_AUTH, "client_secret_basic");
        Map<String, String> p = new HashMap<>(Map.of(TokenAgentConfig.CLIENT_ID, DemoIdentities.APP_A_ID,
                TokenAgentConfig.CLIENT_AUTH, clientAuth,
                TokenAgentConfig.CLIENT_KEY_FILE, DemoIdentities.APP_A_KEY,
                TokenAgentConfig.CLIENT_CERTIFICATE_FILE, DemoIdentities.APP_A_CERT,
                TokenAgentConfig.TRUST_ANCHORS_FILE, DemoPki.CA_CERT,
                TokenAgentConfig.USER_GRANT, "jwt-bearer"));
        if (clientAuth.startsWith("client_secret")) {
            p.put(TokenAgentConfig.CLIENT_SECRET_FILE, DemoIdentities.APP_A_SECRET_FILE);
        }
        p.putAll(given);
        p.replaceAll((name, value) -> name.endsWith("-file") ? data.resolve(value).toString() : value);
        return p;
    }

    private static Map<String, List<String>> options(String[] args, Set<String> allowed) {
        Map<String, List<String>> found = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!allowed.contains(args[i])) {
                throw new IllegalArgumentException("unknown option " + args[i] + "\n" + usage());
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(args[i] + " needs a value\n" + usage());
            }
            found.computeIfAbsent(args[i], k -> new ArrayList<>()).add(args[i + 1]);
        }
        return found;
    }

    private static String one(Map<String, List<String>> o, String name, String fallback) {
        List<String> values = o.get(name);
        if (values != null && values.size() > 1) {
            throw new IllegalArgumentException(name + " given twice");
        }
        if (values == null && fallback == null) {
            throw new IllegalArgumentException(name + " is required\n" + usage());
        }
        return values == null ? fallback : values.get(0);
    }

    private static int port(Map<String, List<String>> o, int fallback) {
        String value = one(o, "--port", String.valueOf(fallback));
        try {
            int port = Integer.parseInt(value);
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--port must be a number from 0 to 65535, was " + value);
        }
    }

    private static URI url(Map<String, List<String>> o, String name) {
        String value = one(o, name, null);
        try {
            return URI.create(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " '" + value + "' is not a URL");
        }
    }

    static String usage() {
        return """
                usage: gateway-demo ingress --issuer AS_URL --upstream http://127.0.0.1:PORT [--port 8444] [--bind 127.0.0.1]
                                            [--host localhost] [--audience %s] [--realm app-b]
                                            [--scope-rules '* /*=%s'] [--data DIR]
                       gateway-demo egress  --issuer AS_URL --route PREFIX=URL,audience=AUD,scope=SCOPE [--route …]
                                            [--port 8480] [--bind 127.0.0.1] [--data DIR] and the outbound agent's
                                            parameters: [--client-id %3$s] [--client-auth client_secret_basic]
                                            [--client-secret-file %4$s] [--client-key-file %5$s]
                                            [--client-certificate-file %6$s] [--trust-anchors-file cacert.crt]
                                            [--user-grant jwt-bearer] [--client-grant client_credentials]
                                            [--token-endpoint URL] [--acquire-timeout PT15S] …
                       gateway-demo app-b   [--port 8481]
                       gateway-demo app-a   --egress http://127.0.0.1:EGRESS_PORT/PREFIX [--port 8445] [--data DIR]"""
                .formatted(APP_B_AUDIENCE, APP_B_SCOPE, DemoIdentities.APP_A_ID, DemoIdentities.APP_A_SECRET_FILE,
                        DemoIdentities.APP_A_KEY, DemoIdentities.APP_A_CERT);
    }
}
