package io.tokengate.registry;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A {@link ClientStore} in this process's memory: what a single node without a database uses, and
 * the reference the JDBC stores are compared with by the store contract tests. Thread-safe; each
 * method is one atomic map operation, so a client created, replaced or removed is seen by the very
 * next {@link #findClient} on any thread. Forgets everything on restart.
 */
public final class InMemoryClientStore implements ClientStore {
    private final ConcurrentMap<String, Client> clients = new ConcurrentHashMap<>();

    /** An empty store. */
    public InMemoryClientStore() {
    }

    /**
     * A store holding {@code initial} (for example the clients of the registry file).
     *
     * @throws IllegalArgumentException when two of them share a client id
     */
    public InMemoryClientStore(Collection<Client> initial) {
        for (Client client : initial) {
            if (!create(client)) {
                throw new IllegalArgumentException("two clients share the id " + client.clientId());
            }
        }
    }

    @Override
    public Optional<Client> findClient(String clientId) {
        return Optional.ofNullable(clients.get(clientId));
    }

    @Override
    public boolean create(Client client) {
        return clients.putIfAbsent(client.clientId(), client) == null;
    }

    @Override
    public boolean update(Client client) {
        return clients.replace(client.clientId(), client) != null;
    }

    @Override
    public boolean delete(String clientId) {
        return clients.remove(clientId) != null;
    }

    @Override
    public List<Client> list() {
        return clients.values().stream().sorted(Comparator.comparing(Client::clientId)).toList();
    }
}
