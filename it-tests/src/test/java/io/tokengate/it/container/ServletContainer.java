package io.tokengate.it.container;

/** A started servlet container serving one or more web applications over HTTPS on an ephemeral port. */
public interface ServletContainer extends AutoCloseable {
    /** {@code https://localhost:PORT}, without a trailing slash; context paths follow it. */
    String baseUrl();

    /** Stops the container and frees its port. */
    @Override
    void close() throws Exception;
}
