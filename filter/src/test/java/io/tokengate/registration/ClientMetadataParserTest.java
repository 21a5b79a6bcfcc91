package io.tokengate.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokengate.error.ErrorCode;
import io.tokengate.error.OAuth2Exception;
import io.tokengate.http.JsonText;
import io.tokengate.registry.ApplicationType;
import io.tokengate.registry.CertificateSubject;
import io.tokengate.registry.ClientAuthMethod;
import io.tokengate.registry.ClientType;
import io.tokengate.testing.IssuedCertificate;
import io.tokengate.testing.TestCertificates;
import io.tokengate.testing.TestClients;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClientMetadataParserTest {
    private final TestCertificates pki = TestCertificates.create();
    private final IssuedCertificate leaf = pki.clientIssuedByIntermediate("CN=batch, O=Example");
    private final ClientMetadataParser parser = new ClientMetadataParser();

    @Test
    void parseWhenEveryMemberSentThenEachRead() {
        ClientMetadata m = parser.parse("""
                {"client_id": "batch", "application_type": "confidential", "client_type": "trusted",
                 "grant_types": ["tls_client_auth", "client_credentials"],
                 "token_endpoint_auth_methods": ["tls_client_auth", "private_key_jwt"],
                 "certificate": %s, "roles": ["orders-reader", "orders-writer"]}
                """.formatted(pem()));

        assertEquals(Optional.of("batch"), m.clientId());
        assertEquals(Optional.of(ApplicationType.CONFIDENTIAL), m.applicationType());
        assertEquals(Optional.of(ClientType.TRUSTED), m.clientType());
        assertEquals(List.of("tls_client_auth", "client_credentials"), m.grantTypes());
        assertEquals(List.of(ClientAuthMethod.TLS_CLIENT_AUTH, ClientAuthMethod.PRIVATE_KEY_JWT), m.authMethods());
        assertEquals(Optional.of(leaf.certificate()), m.certificate());
        assertEquals(List.of("orders-reader", "orders-writer"), m.roles());
    }

    @Test
    void parseWhenNothingButGrantsThenEverythingElseEmptyForTheDefaults() {
        ClientMetadata m = parser.parse("{\"grant_types\": [\"client_credentials\"], \"client_name\": \"ignored\"}");

        assertEquals(Optional.empty(), m.clientId());
        assertEquals(Optional.empty(), m.applicationType());
        assertEquals(Optional.empty(), m.clientType());
        assertEquals(List.of(), m.authMethods());
        assertEquals(Optional.empty(), m.certificate());
    }

    @Test
    void parseWhenSingleRfc7591AuthMethodThenRead() {
        assertEquals(List.of(ClientAuthMethod.CLIENT_SECRET_POST),
                parser.parse("{\"token_endpoint_auth_method\": \"client_secret_post\"}").authMethods());
    }

    @Test
    void parseWhenOpenIdConnectApplicationTypesThenMappedToOurs() {
        assertEquals(Optional.of(ApplicationType.CONFIDENTIAL), parser.parse("{\"application_type\": \"web\"}").applicationType());
        assertEquals(Optional.of(ApplicationType.MOBILE), parser.parse("{\"application_type\": \"native\"}").applicationType());
    }

    @Test
    void parseWhenMemberIsNullThenAbsent() {
        assertEquals(Optional.empty(), parser.parse("{\"certificate\": null, \"client_type\": null}").certificate());
    }

    @Test
    void parseWhenSubjectDnThenCertificateSubject() {
        assertEquals(Optional.of(new CertificateSubject(CertificateSubject.Type.SUBJECT_DN, "CN=pki, O=Example")),
                parser.parse("{\"tls_client_auth_subject_dn\": \"CN=pki, O=Example\"}").certificateSubject());
    }

    @Test
    void parseWhenPublicJwksThenRead() {
        String jwks = TestClients.jwksOf(pki.selfSigned("CN=self").certificate()).toString();

        assertEquals(1, parser.parse("{\"jwks\": " + jwks + "}").jwks().orElseThrow().getKeys().size());
    }

    @Test
    void parseWhenMemberRepeatedThenInvalidClientMetadataNamingIt() {
        assertRefused("{\"client_type\": \"confidential\", \"client_type\": \"trusted\"}", "Duplicate field 'client_type'");
    }

    @Test
    void parseWhenNotJsonThenInvalidClientMetadata() {
        assertRefused("client_id=x", "not valid JSON");
    }

    @Test
    void parseWhenJsonArrayThenInvalidClientMetadata() {
        assertRefused("[]", "must be a JSON object");
    }

    @Test
    void parseWhenStringMemberIsNumberThenInvalidClientMetadataNamingIt() {
        assertRefused("{\"client_type\": 1}", "client_type must be a non-empty string");
    }

    @Test
    void parseWhenGrantTypesNotArrayThenInvalidClientMetadataNamingIt() {
        assertRefused("{\"grant_types\": \"client_credentials\"}", "grant_types must be an array of strings");
    }

    @Test
    void parseWhenUnknownApplicationTypeThenInvalidClientMetadataListingTheValues() {
        assertRefused("{\"application_type\": \"desktop\"}", "application_type 'desktop' is not one of confidential, mobile");
    }

    @Test
    void parseWhenUnknownClientTypeThenInvalidClientMetadata() {
        assertRefused("{\"client_type\": \"admin\"}", "client_type 'admin' is not one of trusted, confidential, public");
    }

    @Test
    void parseWhenUnknownAuthMethodThenInvalidClientMetadata() {
        assertRefused("{\"token_endpoint_auth_method\": \"kerberos\"}", "token endpoint authentication method 'kerberos'");
    }

    @Test
    void parseWhenBothAuthMethodFormsAgreeThenListRead() {
        assertEquals(List.of(ClientAuthMethod.TLS_CLIENT_AUTH, ClientAuthMethod.PRIVATE_KEY_JWT), parser.parse(
                "{\"token_endpoint_auth_method\": \"tls_client_auth\","
                        + " \"token_endpoint_auth_methods\": [\"tls_client_auth\", \"private_key_jwt\"]}").authMethods());
    }

    @Test
    void parseWhenBothAuthMethodFormsDisagreeThenInvalidClientMetadata() {
        assertRefused("{\"token_endpoint_auth_method\": \"none\", \"token_endpoint_auth_methods\": [\"private_key_jwt\"]}",
                "token_endpoint_auth_method 'none' differs from the first of token_endpoint_auth_methods");
    }

    @Test
    void parseWhenCertificateIsNotPemThenInvalidClientMetadata() {
        assertRefused("{\"certificate\": \"MIIB...\"}", "certificate must be one X.509 certificate in PEM form");
    }

    @Test
    void parseWhenPemIsMalformedThenInvalidClientMetadata() {
        assertRefused("{\"certificate\": \"-----BEGIN CERTIFICATE-----\\nbm90IGEgY2VydGlmaWNhdGU=\\n-----END CERTIFICATE-----\\n\"}",
                "certificate is not a PEM X.509 certificate: the text between the BEGIN and END lines");
    }

    @Test
    void parseWhenTwoCertificatesThenInvalidClientMetadata() {
        String two = TestCertificates.certificatePem(leaf.certificate()) + TestCertificates.certificatePem(pki.intermediate().certificate());

        assertRefused("{\"certificate\": " + JsonText.quote(two) + "}", "expected exactly one certificate, found 2");
    }

    @Test
    void parseWhenTwoCertificateNamesThenInvalidClientMetadata() {
        assertRefused("{\"tls_client_auth_subject_dn\": \"CN=a\", \"tls_client_auth_san_dns\": \"a.example\"}",
                "register only one of tls_client_auth_subject_dn and tls_client_auth_san_*");
    }

    @Test
    void parseWhenSubjectDnMalformedThenInvalidClientMetadata() {
        assertRefused("{\"tls_client_auth_subject_dn\": \"not a dn\"}", "tls_client_auth_subject_dn 'not a dn'");
    }

    @Test
    void parseWhenJwksHoldsPrivateKeyThenInvalidClientMetadata() throws Exception {
        String jwks = "{\"keys\": [" + new com.nimbusds.jose.jwk.gen.ECKeyGenerator(com.nimbusds.jose.jwk.Curve.P_256)
                .generate().toJSONString() + "]}";

        assertRefused("{\"jwks\": " + jwks + "}", "jwks holds a private key");
    }

    @Test
    void parseWhenJwksUriThenInvalidClientMetadata() {
        assertRefused("{\"jwks_uri\": \"https://client.example/jwks\"}", "jwks_uri is not supported");
    }

    @Test
    void parseWhenClientIdHasReservedCharactersThenInvalidClientMetadata() {
        assertRefused("{\"client_id\": \"a/b\"}", "client_id must be 1 to 128 of the characters");
    }

    private String pem() {
        return JsonText.quote(TestCertificates.certificatePem(leaf.certificate()));
    }

    private void assertRefused(String json, String expected) {
        OAuth2Exception e = assertThrows(OAuth2Exception.class, () -> parser.parse(json));
        assertEquals(ErrorCode.INVALID_CLIENT_METADATA, e.code());
        assertEquals(400, e.status());
        assertTrue(e.description().contains(expected), () -> "'" + expected + "' not in: " + e.description());
    }
}
