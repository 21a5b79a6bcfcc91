package io.tokengate.demo;

import io.tokengate.cert.Certificates;
import io.tokengate.http.JsonText;
import io.tokengate.registration.ClientMetadataParser;
import io.tokengate.registration.ClientRegistrations;
import io.tokengate.registration.Registration;
import io.tokengate.registry.SecretHash;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The demo's client applications, registered through the same path as the registration API
 * ({@link ClientMetadataParser} then {@link ClientRegistrations#create}, so the same validation)
 * whenever the client store holds no client: on every start with the in-memory store, on the
 * first with a durable one. The secrets the server issues go to the data directory (mode 600),
 * where the scripts read them. Also keeps the administrator's bearer token ({@value #ADMIN_TOKEN_FILE},
 * made on first start) and the curl commands that register a client with it.
 */
public final class DemoClients {
    public static final String ADMIN_TOKEN_FILE = "admin.token";
    public static final String REGISTRATION_PATH = "/oauth2/v1/register";

    private final Path directory;
    private final DemoIdentities identities;

    public DemoClients(Path directory) {
        this.directory = directory;
        this.identities = new DemoIdentities(directory);
    }

    /** The hash of the administrator token, creating the token (256 random bits) on first use. */
    public SecretHash adminTokenHash() throws IOException {
        Path file = directory.resolve(ADMIN_TOKEN_FILE);
        if (!Files.exists(file)) {
            identities.writePrivate(ADMIN_TOKEN_FILE, identities.randomSecret() + "\n");
        }
        return SecretHash.sha256Of(Files.readString(file, StandardCharsets.UTF_8).trim());
    }

    /** Registers the three demo clients unless the store already holds clients; returns whether it did. */
    public boolean seed(ClientRegistrations registrations) throws IOException {
        if (!registrations.list().isEmpty()) {
            return false;
        }
        ClientMetadataParser parser = new ClientMetadataParser();
        registrations.create(parser.parse("""
                {"client_id": "%s", "application_type": "confidential", "client_type": "trusted",
                 "grant_types": ["tls_client_auth", "client_credentials"], "token_endpoint_auth_method": "tls_client_auth",
                 "certificate": %s, "roles": ["OrdersReader", "OrdersWriter"]}
                """.formatted(DemoSetup.CERTIFICATE_CLIENT_ID, pem(DemoPki.CLIENT_CERT))));
        Registration secretClient = registrations.create(parser.parse("""
                {"client_id": "%s", "application_type": "confidential", "client_type": "confidential",
                 "grant_types": ["client_credentials"],
                 "token_endpoint_auth_methods": ["client_secret_basic", "client_secret_post"], "roles": ["OrdersReader"]}
                """.formatted(DemoSetup.SECRET_CLIENT_ID)));
        identities.writePrivate(DemoSetup.SECRET_FILE, secretClient.clientSecret().orElseThrow() + "\n");
        Registration webApp = registrations.create(parser.parse("""
                {"client_id": "%s", "application_type": "confidential", "client_type": "confidential",
                 "grant_types": ["password", "refresh_token", "urn:ietf:params:oauth:grant-type:saml2-bearer",
                                 "urn:ietf:params:oauth:grant-type:jwt-bearer"],
                 "token_endpoint_auth_methods": ["client_secret_basic", "private_key_jwt"],
                 "certificate": %s, "roles": ["OrdersReader", "OrdersWriter"]}
                """.formatted(DemoIdentities.WEB_APP_ID, pem(DemoIdentities.WEB_APP_CERT))));
        identities.writePrivate(DemoIdentities.WEB_APP_SECRET_FILE, webApp.clientSecret().orElseThrow() + "\n");
        return true;
    }

    /**
     * The README's curl command that registers {@code clientId} as a trusted confidential
     * application with the TLS Client Authentication grant and the demo's {@code client.crt}
     * imported as PEM; run in the data directory.
     */
    public static String registerCertificateClientCurl(String issuer, String clientId) {
        return "CERT=$(awk '{printf \"%s\\\\n\", $0}' client.crt)\n"
                + "curl -i --cacert cacert.crt -H \"Authorization: Bearer $(cat " + ADMIN_TOKEN_FILE + ")\""
                + " -H 'Content-Type: application/json' " + issuer + REGISTRATION_PATH + " --data \"{"
                + "\\\"client_id\\\": \\\"" + clientId + "\\\", \\\"application_type\\\": \\\"confidential\\\","
                + " \\\"client_type\\\": \\\"trusted\\\", \\\"grant_types\\\": [\\\"tls_client_auth\\\"],"
                + " \\\"token_endpoint_auth_method\\\": \\\"tls_client_auth\\\", \\\"certificate\\\": \\\"$CERT\\\","
                + " \\\"roles\\\": [\\\"OrdersReader\\\"]}\"";
    }

    /** The README's curl command that registers {@code clientId} for client_credentials with a secret the server issues. */
    public static String registerSecretClientCurl(String issuer, String clientId) {
        return "curl -i --cacert cacert.crt -H \"Authorization: Bearer $(cat " + ADMIN_TOKEN_FILE + ")\""
                + " -H 'Content-Type: application/json' " + issuer + REGISTRATION_PATH + " --data \"{"
                + "\\\"client_id\\\": \\\"" + clientId + "\\\", \\\"grant_types\\\": [\\\"client_credentials\\\"],"
                + " \\\"roles\\\": [\\\"OrdersReader\\\"]}\"";
    }

    private String pem(String file) {
        return JsonText.quote(Certificates.toPem(Certificates.read(directory.resolve(file)).get(0)));
    }
}
