package io.tokengate.demo.sidecar;

import java.util.Arrays;
import org.eclipse.jetty.server.Server;

/**
 * Entry point of the sidecar modes: {@code gateway-demo ingress|egress|app-a|app-b [options]}
 * (see {@link SidecarOptions#usage()}). Each mode runs until stopped and prints where it listens.
 */
public final class Sidecars {
    private Sidecars() {
    }

    /** Whether {@code args} name a sidecar mode rather than the gateway's own options. */
    public static boolean isSidecarMode(String[] args) {
        return args.length > 0 && Arrays.asList("ingress", "egress", "app-a", "app-b").contains(args[0]);
    }

    public static void main(String[] args) throws Exception {
        Record options;
        try {
            options = SidecarOptions.parse(args[0], Arrays.copyOfRange(args, 1, args.length));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        AutoCloseable running;
        String where;
        if (options instanceof SidecarOptions.Ingress o) {
            IngressSidecar s = IngressSidecar.start(o);
            running = s;
            where = "ingress sidecar at " + s.baseUrl() + " -> " + o.upstream() + " (tokens of " + o.issuer() + " for "
                    + o.audience() + ")";
        } else if (options instanceof SidecarOptions.Egress o) {
            EgressSidecar s = EgressSidecar.start(o);
            running = s;
            where = "egress sidecar at " + s.baseUrl() + " as " + o.agentParameters().get("client-id") + ", routes "
                    + o.routes().stream().map(r -> r.prefix() + " -> " + r.upstream()).toList();
        } else if (options instanceof SidecarOptions.AppA o) {
            DemoAppA s = DemoAppA.start(o);
            running = s;
            where = "application A at " + s.baseUrl() + "/hello-b (sign in as alice) calling B through " + o.egress();
        } else {
            DemoAppB s = DemoAppB.start((SidecarOptions.AppB) options);
            running = s;
            where = "application B at " + s.baseUrl();
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                running.close();
            } catch (Exception e) {
                // shutting down anyway
            }
        }, "sidecar-shutdown"));
        System.out.println("Tokengate " + where + ". Stop with Ctrl-C.");
        Thread.currentThread().join();
    }

    /** Stops {@code server}; a graceful-stop timeout on idle keep-alive connections is not a failure. */
    static void stop(Server server) throws Exception {
        try {
            server.stop();
        } catch (java.util.concurrent.TimeoutException e) {
            // Jetty gave idle connections the graceful-stop time, then stopped anyway
        }
    }
}
