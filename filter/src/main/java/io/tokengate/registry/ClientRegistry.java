package io.tokengate.registry;

import java.util.Optional;

/**
 * Looks up registered clients. Implementations are thread-safe; the "Durable and clustered state"
 * work backs this interface with a database.
 */
public interface ClientRegistry {
    Optional<Client> findClient(String clientId);
}
