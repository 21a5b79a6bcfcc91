package io.tokengate.registry;

import java.util.List;

/**
 * A {@link ClientRegistry} that can be changed: the client registration API (RFC 7591 §3, RFC 7592
 * §2) and the demo's seed data write through it. Implementations are thread-safe and each method is
 * atomic (one transaction in a database); a client handed in has already been checked by
 * {@link ClientProfiles}-style validation, so stores only keep what they are given.
 */
public interface ClientStore extends ClientRegistry {

    /**
     * Stores a new client.
     *
     * @return {@code false}, changing nothing, when a client with the same id already exists
     */
    boolean create(Client client);

    /**
     * Replaces the stored client with the same id.
     *
     * @return {@code false}, changing nothing, when no such client exists
     */
    boolean update(Client client);

    /**
     * Removes the client.
     *
     * @return {@code false} when no such client existed
     */
    boolean delete(String clientId);

    /** Every stored client, ordered by client id. */
    List<Client> list();
}
