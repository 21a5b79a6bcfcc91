package io.tokengate.it.container;

/** A started servlet container serving one web application over HTTPS on an ephemeral port. */
public interface ServletContainer extends AutoCloseable {
    /** {@code https://localhost:PORT}, without a trailing slash; the application is at the root context. */
    String baseUrl();

    /** Stops the container and frees its port. */
    @Override
    void close() throws Exception;
}
