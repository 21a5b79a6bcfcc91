package io.tokengate.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tokengate.config.AuthorizationServerConfig;
import io.tokengate.registry.InMemoryRegistry;
import io.tokengate.testing.RecordingResponse;
import io.tokengate.testing.TestCertificates;
import io.tokengate.testing.TestClients;
import io.tokengate.testing.TestSigningKeys;
import io.tokengate.token.SigningKeySource;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetadataEndpointFilterTest {
    private static final String ISSUER = "https://as.example.test";

    private final ObjectMapper json = new ObjectMapper();
    private final TestCertificates pki = TestCertificates.create();
    private final SigningKeySource keys = TestSigningKeys.es256();
    private final InMemoryRegistry registry = TestClients.registry();
    private final MetadataEndpointFilter filter = new MetadataEndpointFilter(new AuthorizationServer(
            AuthorizationServerConfig.builder(ISSUER).mtlsBaseUrl("https://mtls.as.example.test").build(),
            registry, registry, keys, List.of(), pki.clock(), new SecureRandom()));
    private final FilterChain chain = mock(FilterChain.class);

    @Test
    void doFilterWhenRfc8414PathThenMetadataWithMtlsMembers() throws IOException, ServletException {
        RecordingResponse response = get(MetadataEndpointFilter.OAUTH_METADATA_PATH);

        assertEquals(200, response.status());
        assertEquals("application/json;charset=UTF-8", response.contentType());
        JsonNode m = json.readTree(response.body());
        assertEquals(ISSUER, m.path("issuer").asText());
        assertEquals(ISSUER + "/oauth2/v1/token", m.path("token_endpoint").asText());
        assertEquals(ISSUER + "/oauth2/v1/keys", m.path("jwks_uri").asText());
        String grants = m.path("grant_types_supported").toString();
        for (String g : new String[] {"client_credentials", "tls_client_auth", "password", "refresh_token",
            "urn:ietf:params:oauth:grant-type:jwt-bearer"}) {
            assertTrue(grants.contains("\"" + g + "\""), grants + " lacks " + g);
        }
        String methods = m.path("token_endpoint_auth_methods_supported").toString();
        for (String a : new String[] {"tls_client_auth", "self_signed_tls_client_auth", "client_secret_basic",
            "client_secret_post", "private_key_jwt"}) {
            assertTrue(methods.contains("\"" + a + "\""), methods + " lacks " + a);
        }
        assertEquals("[\"" + TestClients.ORDERS_READ + "\",\"" + TestClients.ORDERS_WRITE + "\"]",
                m.path("scopes_supported").toString());
        assertTrue(m.path("tls_client_certificate_bound_access_tokens").asBoolean());
        assertEquals("https://mtls.as.example.test/oauth2/v1/token",
                m.path("mtls_endpoint_aliases").path("token_endpoint").asText());
    }

    @Test
    void doFilterWhenRfc8414PathThenRevocationAndIntrospectionEndpointsWithAuthMethods()
            throws IOException, ServletException {
        JsonNode m = json.readTree(get(MetadataEndpointFilter.OAUTH_METADATA_PATH).body());

        assertEquals(ISSUER + "/oauth2/v1/revoke", m.path("revocation_endpoint").asText());
        assertEquals(ISSUER + "/oauth2/v1/introspect", m.path("introspection_endpoint").asText());
        assertEquals(m.path("token_endpoint_auth_methods_supported"), m.path("revocation_endpoint_auth_methods_supported"));
        assertEquals(m.path("token_endpoint_auth_methods_supported"),
                m.path("introspection_endpoint_auth_methods_supported"));
        assertEquals("https://mtls.as.example.test/oauth2/v1/revoke",
                m.path("mtls_endpoint_aliases").path("revocation_endpoint").asText());
        assertEquals("https://mtls.as.example.test/oauth2/v1/introspect",
                m.path("mtls_endpoint_aliases").path("introspection_endpoint").asText());
    }

    @Test
    void doFilterWhenIdcsConfigurationPathThenRevocationAndIntrospectionEndpoints() throws IOException, ServletException {
        JsonNode m = json.readTree(get(MetadataEndpointFilter.IDCS_CONFIGURATION_PATH).body()).path("openid-configuration");

        assertEquals(ISSUER + "/oauth2/v1/revoke", m.path("revocation_endpoint").asText());
        assertEquals(ISSUER + "/oauth2/v1/introspect", m.path("introspection_endpoint").asText());
        assertFalse(m.path("introspection_endpoint_auth_methods_supported").isMissingNode());
    }

    @Test
    void doFilterWhenIdcsConfigurationPathThenSecureTokenEndpoint() throws IOException, ServletException {
        JsonNode m = json.readTree(get(MetadataEndpointFilter.IDCS_CONFIGURATION_PATH).body());

        assertEquals("https://mtls.as.example.test/oauth2/v1/token",
                m.path("openid-configuration").path("secure_token_endpoint").asText());
        assertEquals(ISSUER, m.path("openid-configuration").path("issuer").asText());
    }

    @Test
    void doFilterWhenJwksPathThenPublicSigningKeyOnly() throws IOException, ServletException {
        JsonNode jwks = json.readTree(get("/oauth2/v1/keys").body());

        assertEquals(1, jwks.path("keys").size());
        assertEquals(keys.current().keyId(), jwks.path("keys").get(0).path("kid").asText());
        assertFalse(jwks.path("keys").get(0).has("d"));
    }

    @Test
    void doFilterWhenHeadThenHeadersWithoutBody() throws IOException, ServletException {
        HttpServletRequest request = request(MetadataEndpointFilter.OAUTH_METADATA_PATH, "HEAD");
        RecordingResponse response = new RecordingResponse();

        filter.doFilter(request, response.servletResponse(), chain);

        assertEquals(200, response.status());
        assertEquals("", response.body());
    }

    @Test
    void doFilterWhenPostThenStatus405AllowingGetAndHead() throws IOException, ServletException {
        HttpServletRequest request = request(MetadataEndpointFilter.OAUTH_METADATA_PATH, "POST");
        RecordingResponse response = new RecordingResponse();

        filter.doFilter(request, response.servletResponse(), chain);

        assertEquals(405, response.status());
        assertEquals("GET, HEAD", response.header("Allow"));
    }

    @Test
    void doFilterWhenOtherPathThenPassedDownChainWithResponseUntouched() throws IOException, ServletException {
        HttpServletRequest request = request("/api/orders", "GET");
        HttpServletResponse response = mock(HttpServletResponse.class);

        filter.doFilter(request, response, chain);

        verify(chain).doFilter(request, response);
        verifyNoInteractions(response);
    }

    private RecordingResponse get(String path) throws IOException, ServletException {
        RecordingResponse response = new RecordingResponse();
        filter.doFilter(request(path, "GET"), response.servletResponse(), chain);
        return response;
    }

    private static HttpServletRequest request(String path, String method) {
        HttpServletRequest request = mock(HttpServletRequest.class);
        when(request.getRequestURI()).thenReturn(path);
        when(request.getContextPath()).thenReturn("");
        when(request.getMethod()).thenReturn(method);
        return request;
    }
}
