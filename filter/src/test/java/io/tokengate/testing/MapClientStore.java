package io.tokengate.testing;

import io.tokengate.registry.Client;
import io.tokengate.registry.ClientStore;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link ClientStore} in a map, the in-memory reference the store contract runs against
 * (the registration API brings the product's own in-memory store). Thread-safe.
 */
public final class MapClientStore implements ClientStore {
    private final ConcurrentHashMap<String, Client> clients = new ConcurrentHashMap<>();

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
