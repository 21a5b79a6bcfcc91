package io.tokengate.registry;

import static io.tokengate.testing.TestClients.AUDIENCE;
import static io.tokengate.testing.TestClients.ORDERS_READ;
import static io.tokengate.testing.TestClients.ORDERS_WRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import io.tokengate.http.JsonText;
import io.tokengate.testing.IssuedCertificate;
import io.tokengate.testing.TestCertificates;
import io.tokengate.testing.TestClients;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryFileTest {
    private static final String SERVERS_AND_ROLES = """
              "resource_servers": [
                {"audience": "https://api.example.test/", "scopes": ["orders.read", "orders.write"]}
              ],
              "application_roles": [
                {"name": "orders-reader", "scopes": ["https://api.example.test/orders.read"]},
                {"name": "orders-writer", "scopes": ["https://api.example.test/orders.write"]}
              ],
            """;

    @TempDir
    Path dir;

    private final TestCertificates pki = TestCertificates.create();
    private final RegistryFile registryFile = new RegistryFile(new ObjectMapper());

    @Test
    void loadWhenFileValidThenEveryClientProfileRead() throws IOException {
        IssuedCertificate imported = pki.clientIssuedByIntermediate("CN=imported");
        IssuedCertificate fromFile = pki.clientIssuedByIntermediate("CN=from-file");
        IssuedCertificate selfSigned = pki.selfSigned("CN=self-signed");
        TestCertificates.writeCertificatesPem(dir.resolve("certs/from-file.crt"), List.of(fromFile.certificate()));
        Path file = write("""
                {
                %s
                  "clients": [
                    {"client_id": "imported", "grant_types": ["tls_client_auth"],
                     "token_endpoint_auth_methods": ["tls_client_auth"], "certificate": %s, "roles": ["orders-reader"]},
                    {"client_id": "from-file", "grant_types": ["client_credentials"],
                     "token_endpoint_auth_methods": ["tls_client_auth"], "certificate_file": "certs/from-file.crt"},
                    {"client_id": "pki", "client_type": "trusted", "grant_types": ["tls_client_auth", "client_credentials"],
                     "token_endpoint_auth_methods": ["tls_client_auth"], "tls_client_auth_subject_dn": "CN=pki, O=Example",
                     "roles": ["orders-reader", "orders-writer"]},
                    {"client_id": "san", "token_endpoint_auth_methods": ["tls_client_auth"],
                     "tls_client_auth_san_dns": "san.example.test"},
                    {"client_id": "self-signed", "token_endpoint_auth_methods": ["self_signed_tls_client_auth"], "jwks": %s},
                    {"client_id": "secret", "grant_types": ["client_credentials"],
                     "token_endpoint_auth_methods": ["client_secret_basic", "client_secret_post"], "client_secret_hash": %s},
                    {"client_id": "mobile", "application_type": "mobile", "client_type": "public",
                     "token_endpoint_auth_methods": ["none"]}
                  ]
                }
                """.formatted(SERVERS_AND_ROLES, JsonText.quote(TestCertificates.certificatePem(imported.certificate())),
                TestClients.jwksOf(selfSigned.certificate()).toString(),
                JsonText.quote(SecretHash.sha256Of("s3cret").encoded())));

        InMemoryRegistry registry = registryFile.load(file);

        Client importedClient = registry.findClient("imported").orElseThrow();
        assertEquals(imported.certificate(), importedClient.certificate().orElseThrow());
        assertEquals(List.of(ClientAuthMethod.TLS_CLIENT_AUTH), importedClient.authMethods());
        assertEquals(Set.of("tls_client_auth"), importedClient.grantTypes());
        assertEquals(Set.of("orders-reader"), importedClient.roles());
        assertEquals(ApplicationType.CONFIDENTIAL, importedClient.applicationType());
        assertEquals(ClientType.CONFIDENTIAL, importedClient.clientType());

        assertEquals(fromFile.certificate(), registry.findClient("from-file").orElseThrow().certificate().orElseThrow());

        Client pkiClient = registry.findClient("pki").orElseThrow();
        assertEquals(new CertificateSubject(CertificateSubject.Type.SUBJECT_DN, "CN=pki, O=Example"),
                pkiClient.certificateSubject().orElseThrow());
        assertEquals(ClientType.TRUSTED, pkiClient.clientType());

        assertEquals(new CertificateSubject(CertificateSubject.Type.SAN_DNS, "san.example.test"),
                registry.findClient("san").orElseThrow().certificateSubject().orElseThrow());

        X509Certificate registeredX5c = registry.findClient("self-signed").orElseThrow().jwks().orElseThrow()
                .getKeys().get(0).getParsedX509CertChain().get(0);
        assertEquals(selfSigned.certificate(), registeredX5c);

        Client secretClient = registry.findClient("secret").orElseThrow();
        assertTrue(secretClient.secretHash().orElseThrow().matches("s3cret"));
        assertEquals(List.of(ClientAuthMethod.CLIENT_SECRET_BASIC, ClientAuthMethod.CLIENT_SECRET_POST),
                secretClient.authMethods());

        Client mobile = registry.findClient("mobile").orElseThrow();
        assertTrue(mobile.isPublic());
        assertEquals(List.of(ClientAuthMethod.NONE), mobile.authMethods());

        assertEquals(Set.of(ORDERS_READ), registry.findRole("orders-reader").orElseThrow().scopes());
        assertEquals(AUDIENCE, registry.findResourceServerForScope(ORDERS_WRITE).orElseThrow().audience());
        assertEquals(7, registry.clients().size());
    }

    @Test
    void loadWhenFileHasNoMembersThenEmptyRegistry() throws IOException {
        InMemoryRegistry registry = registryFile.load(write("{}"));

        assertTrue(registry.clients().isEmpty());
        assertTrue(registry.resourceServers().isEmpty());
    }

    @Test
    void loadWhenClientHasUnknownMemberThenRefusedNamingClientAndMember() throws IOException {
        Path file = writeWithClient("""
                {"client_id": "c1", "token_endpoint_auth_methods": ["client_secret_basic"],
                 "client_secret_hash": "%s", "client_secret": "plain-text"}
                """.formatted(SecretHash.sha256Of("x").encoded()));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> registryFile.load(file));

        assertMessageContains(e, "client c1: unknown member 'client_secret'");
        assertMessageContains(e, file.toString());
    }

    @Test
    void loadWhenTopLevelHasUnknownMemberThenRefusedNamingIt() throws IOException {
        Path file = write("{\"client\": []}");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> registryFile.load(file));

        assertMessageContains(e, "unknown member 'client'");
    }

    @Test
    void loadWhenClientGrantedUndefinedRoleThenRefused() throws IOException {
        Path file = writeWithClient("""
                {"client_id": "c1", "token_endpoint_auth_methods": ["client_secret_basic"],
                 "client_secret_hash": "%s", "roles": ["orders-admin"]}
                """.formatted(SecretHash.sha256Of("x").encoded()));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> registryFile.load(file));

        assertMessageContains(e, "client c1 is granted application role orders-admin, which is not defined");
    }

    @Test
    void loadWhenRoleGrantsScopeNoResourceServerDefinesThenRefused() throws IOException {
        Path file = write("""
                {
                  "resource_servers": [{"audience": "https://api.example.test/", "scopes": ["orders.read"]}],
                  "application_roles": [{"name": "orders-reader", "scopes": ["orders.read"]}]
                }
                """);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> registryFile.load(file));

        assertMessageContains(e, "application role orders-reader grants scope orders.read, which no resource server defines");
    }

    @Test
    void loadWhenMobileApplicationRegistersCertificateMethodThenRefused() throws IOException {
        Path file = writeWithClient("""
                {"client_id": "app", "application_type": "mobile", "token_endpoint_auth_methods": ["tls_client_auth"],
                 "tls_client_auth_subject_dn": "CN=app"}
                """);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> registryFile.load(file));

        assertMessageContains(e, "client app: a mobile application or public client can only use");
    }

    @Test
    void loadWhenConfidentialClientRegistersMethodNoneThenRefused() throws IOException {
        Path file = writeWithClient("""
                {"client_id": "c1", "token_endpoint_auth_methods": ["none"]}
                """);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> registryFile.load(file));

        assertMessageContains(e, "auth method 'none' is only for mobile applications");
    }

    @Test
    void loadWhenTlsClientAuthWithoutCertificateOrSubjectThenRefused() throws IOException {
        Path file = writeWithClient("""
                {"client_id": "c1", "token_endpoint_auth_methods": ["tls_client_auth"]}
                """);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> registryFile.load(file));

        assertMessageContains(e, "client c1: tls_client_auth needs an imported 'certificate'");
    }

    @Test
    void loadWhenSelfSignedMethodWithoutJwksThenRefused() throws IOException {
        Path file = writeWithClient("""
                {"client_id": "c1", "token_endpoint_auth_methods": ["self_signed_tls_client_auth"]}
                """);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> registryFile.load(file));

        assertMessageContains(e, "self_signed_tls_client_auth needs a 'jwks'");
    }

    @Test
    void loadWhenSecretMethodWithoutHashThenRefused() throws IOException {
        Path file = writeWithClient("""
                {"client_id": "c1", "token_endpoint_auth_methods": ["client_secret_post"]}
                """);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> registryFile.load(file));

        assertMessageContains(e, "need a client_secret_hash");
    }

    @Test
    void loadWhenNoAuthMethodThenRefused() throws IOException {
        Path file = writeWithClient("""
                {"client_id": "c1"}
                """);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> registryFile.load(file));

        assertMessageContains(e, "client c1: token_endpoint_auth_methods is empty");
    }

    @Test
    void loadWhenAuthMethodUnknownThenRefusedNamingIt() throws IOException {
        Path file = writeWithClient("""
                {"client_id": "c1", "token_endpoint_auth_methods": ["private_key_jwt_v2"]}
                """);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> registryFile.load(file));

        assertMessageContains(e, "client c1: unknown token_endpoint_auth_methods entry 'private_key_jwt_v2'");
    }

    @Test
    void loadWhenApplicationTypeUnknownThenRefusedNamingIt() throws IOException {
        Path file = writeWithClient("""
                {"client_id": "c1", "application_type": "desktop", "token_endpoint_auth_methods": ["none"]}
                """);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> registryFile.load(file));

        assertMessageContains(e, "client c1: application_type 'desktop' is not one of [confidential, mobile]");
    }

    @Test
    void loadWhenClientIdMissingThenRefused() throws IOException {
        Path file = writeWithClient("""
                {"token_endpoint_auth_methods": ["none"], "application_type": "mobile"}
                """);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> registryFile.load(file));

        assertMessageContains(e, "a client needs a non-empty 'client_id'");
    }

    @Test
    void loadWhenTwoClientsShareIdThenRefused() throws IOException {
        Path file = writeWithClient("""
                {"client_id": "app", "application_type": "mobile", "token_endpoint_auth_methods": ["none"]},
                {"client_id": "app", "application_type": "mobile", "token_endpoint_auth_methods": ["none"]}
                """);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> registryFile.load(file));

        assertMessageContains(e, "two clients share the name app");
    }

    @Test
    void loadWhenClientsNotArrayThenRefused() throws IOException {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> registryFile.load(write("{\"clients\": {}}")));

        assertMessageContains(e, "clients must be an array");
    }

    @Test
    void loadWhenNotJsonThenRefusedNamingFile() throws IOException {
        Path file = write("clients: []");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> registryFile.load(file));

        assertMessageContains(e, "cannot read registry file " + file);
    }

    @Test
    void loadWhenFileMissingThenRefusedNamingFile() {
        Path missing = dir.resolve("missing.json");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> registryFile.load(missing));

        assertMessageContains(e, missing.toString());
    }

    @Test
    void loadWhenTrustedIssuersValidThenSamlAndJwtIssuersRead() throws IOException {
        IssuedCertificate samlSigner = pki.clientIssuedByIntermediate("CN=saml-idp");
        IssuedCertificate samlSigner2 = pki.clientIssuedByIntermediate("CN=saml-idp-next");
        IssuedCertificate jwtSigner = pki.selfSigned("CN=jwt-idp");
        TestCertificates.writeCertificatesPem(dir.resolve("certs/saml-next.crt"), List.of(samlSigner2.certificate()));
        Path file = write("""
                {
                  "trusted_issuers": [
                    {"issuer": "https://saml-idp.example.test/metadata", "type": "saml",
                     "certificates": [%s], "certificate_files": ["certs/saml-next.crt"]},
                    {"issuer": "https://jwt-idp.example.test", "type": "jwt", "jwks": %s,
                     "algorithms": ["ES256", "PS256"]},
                    {"issuer": "https://remote-idp.example.test", "type": "jwt",
                     "jwks_uri": "https://remote-idp.example.test/.well-known/jwks.json"}
                  ]
                }
                """.formatted(JsonText.quote(TestCertificates.certificatePem(samlSigner.certificate())),
                TestClients.jwksOf(jwtSigner.certificate()).toString()));

        InMemoryRegistry registry = registryFile.load(file);

        TrustedIssuer saml = registry.findIssuer("https://saml-idp.example.test/metadata").orElseThrow();
        assertEquals(TrustedIssuer.Type.SAML, saml.type());
        assertEquals(List.of(samlSigner.certificate(), samlSigner2.certificate()), saml.certificates());
        TrustedIssuer jwt = registry.findIssuer("https://jwt-idp.example.test").orElseThrow();
        assertEquals(TrustedIssuer.Type.JWT, jwt.type());
        assertEquals(jwtSigner.certificate(), jwt.jwks().orElseThrow().getKeys().get(0).getParsedX509CertChain().get(0));
        assertEquals(Set.of(JWSAlgorithm.ES256, JWSAlgorithm.PS256), jwt.algorithms());
        assertEquals(Optional.empty(), jwt.jwksUri());
        TrustedIssuer remote = registry.findIssuer("https://remote-idp.example.test").orElseThrow();
        assertEquals(Optional.of(URI.create("https://remote-idp.example.test/.well-known/jwks.json")), remote.jwksUri());
        assertEquals(TrustedIssuer.DEFAULT_ALGORITHMS, remote.algorithms());
        assertEquals(Optional.empty(), registry.findIssuer("https://unknown.example.test"));
    }

    @Test
    void loadWhenTrustedIssuerAllowsHs256ThenRefusedNamingIssuer() throws IOException {
        Path file = writeIssuer("""
                {"issuer": "https://idp.example.test", "type": "jwt",
                 "jwks_uri": "https://idp.example.test/jwks", "algorithms": ["RS256", "HS256"]}
                """);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> registryFile.load(file));

        assertMessageContains(e, "trusted issuer https://idp.example.test: algorithm HS256 is not allowed for assertions");
    }

    @Test
    void loadWhenTrustedIssuerAllowsNoneThenRefusedNamingIssuer() throws IOException {
        Path file = writeIssuer("""
                {"issuer": "https://idp.example.test", "type": "jwt",
                 "jwks_uri": "https://idp.example.test/jwks", "algorithms": ["none"]}
                """);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> registryFile.load(file));

        assertMessageContains(e, "trusted issuer https://idp.example.test: algorithm none is not allowed for assertions");
    }

    @Test
    void loadWhenTrustedIssuerAlgorithmUnknownThenRefusedNamingIssuerAndAlgorithm() throws IOException {
        Path file = writeIssuer("""
                {"issuer": "https://idp.example.test", "type": "jwt",
                 "jwks_uri": "https://idp.example.test/jwks", "algorithms": ["RS257"]}
                """);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> registryFile.load(file));

        assertMessageContains(e, "trusted issuer https://idp.example.test: algorithm RS257 is not supported");
    }

    @Test
    void loadWhenSamlIssuerWithoutCertificatesThenRefusedNamingIssuer() throws IOException {
        Path file = writeIssuer("""
                {"issuer": "https://saml-idp.example.test/metadata", "type": "saml"}
                """);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> registryFile.load(file));

        assertMessageContains(e, "trusted SAML issuer https://saml-idp.example.test/metadata needs its signing certificates");
    }

    @Test
    void loadWhenJwtIssuerWithoutKeysThenRefusedNamingIssuer() throws IOException {
        Path file = writeIssuer("""
                {"issuer": "https://idp.example.test", "type": "jwt", "algorithms": ["ES256"]}
                """);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> registryFile.load(file));

        assertMessageContains(e, "trusted JWT issuer https://idp.example.test needs jwks");
    }

    @Test
    void loadWhenTrustedIssuerHasUnknownMemberThenRefusedNamingIssuerAndMember() throws IOException {
        Path file = writeIssuer("""
                {"issuer": "https://idp.example.test", "type": "jwt", "jwks_url": "https://idp.example.test/jwks"}
                """);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> registryFile.load(file));

        assertMessageContains(e, "trusted issuer https://idp.example.test: unknown member 'jwks_url'");
    }

    @Test
    void loadWhenTrustedIssuerTypeUnknownThenRefusedNamingIssuerAndTypes() throws IOException {
        Path file = writeIssuer("""
                {"issuer": "https://idp.example.test", "type": "oidc", "jwks_uri": "https://idp.example.test/jwks"}
                """);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> registryFile.load(file));

        assertMessageContains(e, "trusted issuer https://idp.example.test: type 'oidc' is not one of [saml, jwt]");
    }

    @Test
    void loadWhenTrustedIssuerTypeMissingThenRefusedNamingIssuer() throws IOException {
        Path file = writeIssuer("""
                {"issuer": "https://idp.example.test", "jwks_uri": "https://idp.example.test/jwks"}
                """);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> registryFile.load(file));

        assertMessageContains(e, "trusted issuer https://idp.example.test: type '' is not one of [saml, jwt]");
    }

    @Test
    void loadWhenTrustedIssuerJwksHoldsNoUsableKeyThenRefusedNamingIssuer() throws IOException {
        // Nimbus skips keys of unknown types, so this parses as an empty set
        Path file = writeIssuer("""
                {"issuer": "https://idp.example.test", "type": "jwt", "jwks": {"keys": [{"kty": "XX"}]}}
                """);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> registryFile.load(file));

        assertMessageContains(e, "trusted JWT issuer https://idp.example.test needs jwks (with at least one RSA or EC key)");
    }

    @Test
    void loadWhenTrustedIssuerJwksNotJwkSetThenRefusedNamingIssuer() throws IOException {
        Path file = writeIssuer("""
                {"issuer": "https://idp.example.test", "type": "jwt", "jwks": {"keys": 5}}
                """);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> registryFile.load(file));

        assertMessageContains(e, "trusted issuer https://idp.example.test: jwks is not a JWK set");
    }

    @Test
    void loadWhenTrustedIssuerJwksUriNotHttpsThenRefusedNamingIssuer() throws IOException {
        Path file = writeIssuer("""
                {"issuer": "https://idp.example.test", "type": "jwt", "jwks_uri": "http://idp.example.test/jwks"}
                """);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> registryFile.load(file));

        assertMessageContains(e, "trusted issuer https://idp.example.test: jwks_uri must be an absolute https URL");
    }

    @Test
    void loadWhenTrustedIssuerIdMissingThenRefused() throws IOException {
        Path file = writeIssuer("""
                {"type": "jwt", "jwks_uri": "https://idp.example.test/jwks"}
                """);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> registryFile.load(file));

        assertMessageContains(e, "a trusted issuer needs a non-empty 'issuer'");
    }

    @Test
    void loadWhenTwoTrustedIssuersShareIdThenRefused() throws IOException {
        Path file = writeIssuer("""
                {"issuer": "https://idp.example.test", "type": "jwt", "jwks_uri": "https://idp.example.test/jwks"},
                {"issuer": "https://idp.example.test", "type": "jwt", "jwks_uri": "https://idp.example.test/jwks2"}
                """);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> registryFile.load(file));

        assertMessageContains(e, "two trusted issuers share the name https://idp.example.test");
    }

    private Path writeIssuer(String issuers) throws IOException {
        return write("{\n  \"trusted_issuers\": [" + issuers + "]\n}\n");
    }

    private Path writeWithClient(String clients) throws IOException {
        return write("{\n" + SERVERS_AND_ROLES + "  \"clients\": [" + clients + "]\n}\n");
    }

    private Path write(String json) throws IOException {
        return Files.writeString(dir.resolve("registry.json"), json, StandardCharsets.UTF_8);
    }

    private static void assertMessageContains(IllegalArgumentException e, String part) {
        assertTrue(e.getMessage().contains(part), () -> "expected '" + part + "' in: " + e.getMessage());
    }
}
