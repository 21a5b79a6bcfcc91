package io.tokengate.endpoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tokengate.config.AuthorizationServerConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The server's facts in two shapes, rendered once: RFC 8414 authorization server metadata (with
 * the RFC 8705 §3.3 and §5 members, and the RFC 7009 revocation and RFC 7662 introspection
 * endpoints with their client authentication methods, and the RFC 7591 registration endpoint when
 * registration is on) and Oracle Identity Cloud Service's
 * {@code /.well-known/idcs-configuration} shape, whose {@code openid-configuration} member
 * carries the same facts plus {@code secure_token_endpoint}, the mutual-TLS token endpoint.
 */
public final class ServerMetadata {
    private final String rfc8414Json;
    private final String idcsJson;

    public ServerMetadata(AuthorizationServerConfig config, List<String> grantTypes, List<String> authMethods,
            List<String> scopes, ObjectMapper mapper) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("issuer", config.issuer());
        m.put("token_endpoint", config.tokenEndpoint());
        m.put("jwks_uri", config.jwksUri());
        m.put("revocation_endpoint", config.revocationEndpoint());
        m.put("revocation_endpoint_auth_methods_supported", authMethods);
        m.put("introspection_endpoint", config.introspectionEndpoint());
        m.put("introspection_endpoint_auth_methods_supported",
                authMethods.stream().filter(method -> !"none".equals(method)).toList());
        config.registrationAdminTokenHash().ifPresent(h -> m.put("registration_endpoint", config.registrationEndpoint()));
        m.put("grant_types_supported", grantTypes);
        m.put("token_endpoint_auth_methods_supported", authMethods);
        if (authMethods.contains("private_key_jwt")) {
            m.put("token_endpoint_auth_signing_alg_values_supported", List.of("RS256", "PS256", "ES256"));
        }
        m.put("scopes_supported", scopes);
        m.put("response_types_supported", List.of());
        m.put("tls_client_certificate_bound_access_tokens", true);
        m.put("secure_saml_sp_sso_endpoint", ServerWiring.samlSpSsoEndpoint(config));
        config.mtlsBaseUrl().ifPresent(base -> m.put("mtls_endpoint_aliases", Map.of(
                "token_endpoint", base + config.tokenPath(),
                "revocation_endpoint", base + config.revocationPath(),
                "introspection_endpoint", base + config.introspectionPath())));
        Map<String, Object> idcs = new LinkedHashMap<>(m);
        idcs.remove("mtls_endpoint_aliases");
        idcs.put("secure_token_endpoint", config.mtlsBaseUrl().orElse(config.issuer()) + config.tokenPath());
        idcs.put("secure_saml_sp_sso_endpoint", ServerWiring.samlSpSsoEndpoint(config));
        try {
            this.rfc8414Json = mapper.writeValueAsString(m);
            this.idcsJson = mapper.writeValueAsString(Map.of("openid-configuration", idcs));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The RFC 8414 §3.2 response body. */
    public String rfc8414Json() {
        return rfc8414Json;
    }

    /** The {@code /.well-known/idcs-configuration} response body. */
    public String idcsJson() {
        return idcsJson;
    }
}
