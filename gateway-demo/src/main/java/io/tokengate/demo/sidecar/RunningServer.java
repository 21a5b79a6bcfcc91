package io.tokengate.demo.sidecar;

import java.util.Objects;
import org.eclipse.jetty.server.Server;

/**
 * A started Jetty server of one sidecar mode and the base URL its clients reach it at: what the
 * ingress and egress sidecars and the two demo applications have in common. Stopping it is
 * {@link #close()}; a graceful-stop timeout on idle keep-alive connections is not a failure.
 */
public abstract class RunningServer implements AutoCloseable {
    private final Server server;
    private final String baseUrl;

    protected RunningServer(Server server, String baseUrl) {
        this.server = Objects.requireNonNull(server, "server");
        this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
    }

    /** {@code scheme://HOST:PORT} where clients reach this server. */
    public final String baseUrl() {
        return baseUrl;
    }

    /** Blocks until the server stops. */
    public final void join() throws InterruptedException {
        server.join();
    }

    @Override
    public final void close() throws Exception {
        Sidecars.stop(server);
    }
}
