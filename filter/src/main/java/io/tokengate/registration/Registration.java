package io.tokengate.registration;

import io.tokengate.registry.Client;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of a registration or update: the client as stored, and what is told only once.
 * Immutable.
 *
 * @param client       the stored client profile
 * @param clientSecret the secret just issued (RFC 7591 §3.2.1); shown once, stored only as its hash
 * @param issuedAt     when the client id was issued ({@code client_id_issued_at}); empty for an update
 */
public record Registration(Client client, Optional<String> clientSecret, Optional<Instant> issuedAt) {
    public Registration {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(clientSecret, "clientSecret");
        Objects.requireNonNull(issuedAt, "issuedAt");
    }

    @Override
    public String toString() {
        return "Registration[" + client.clientId() + (clientSecret.isPresent() ? ", secret issued" : "") + "]";
    }
}
