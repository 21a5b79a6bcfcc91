package io.tokengate.registration;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tokengate.cert.Certificates;
import io.tokengate.registry.Client;
import io.tokengate.registry.ClientAuthMethod;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Writes the client information response (RFC 7591 §3.2.1, RFC 7592 §3): {@code client_id}, the
 * secret with {@code client_secret_expires_at} 0 (it does not expire) when one was just issued,
 * {@code client_id_issued_at} on creation, then every registered member under the names
 * {@link ClientMetadataParser} reads ({@code token_endpoint_auth_method} carries the first of
 * {@code token_endpoint_auth_methods}), and {@code registration_client_uri}. A secret is never
 * shown again after the response that issued it; {@code jwks} holds public keys only. Thread-safe.
 */
public final class ClientMetadataWriter {
    private final ObjectMapper mapper;

    public ClientMetadataWriter(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** @param clientUri the client configuration endpoint of this client (RFC 7592 §1) */
    public String write(Registration registration, String clientUri) {
        Client c = registration.client();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("client_id", c.clientId());
        registration.clientSecret().ifPresent(secret -> {
            m.put("client_secret", secret);
            m.put("client_secret_expires_at", 0);
        });
        registration.issuedAt().ifPresent(at -> m.put("client_id_issued_at", at.getEpochSecond()));
        m.put("application_type", c.applicationType().name().toLowerCase(Locale.ROOT));
        m.put("client_type", c.clientType().name().toLowerCase(Locale.ROOT));
        m.put("grant_types", c.grantTypes().stream().sorted().toList());
        m.put("token_endpoint_auth_method", c.authMethods().get(0).value());
        m.put("token_endpoint_auth_methods", c.authMethods().stream().map(ClientAuthMethod::value).toList());
        c.certificate().ifPresent(x -> m.put("certificate", Certificates.toPem(x)));
        c.certificateSubject().ifPresent(s -> m.put(s.type().metadataName(), s.value()));
        c.jwks().ifPresent(set -> m.put("jwks", set.toJSONObject(true)));
        m.put("roles", c.roles().stream().sorted().toList());
        m.put("registration_client_uri", clientUri);
        try {
            return mapper.writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the metadata of client " + c.clientId(), e);
        }
    }
}
