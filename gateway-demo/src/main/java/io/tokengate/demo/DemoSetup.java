package io.tokengate.demo;

import io.tokengate.registry.SecretHash;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

/**
 * Seeds the demo's data directory on first start — the registry with a demo resource server, its
 * application roles, a certificate client and a secret client — and (re)writes on every start the
 * runnable curl scripts, which hold the current host and port.
 */
public final class DemoSetup {
    public static final String REGISTRY = "registry.json";
    public static final String SIGNING_KEY = "signing-key.jwk";
    public static final String SECRET_FILE = "demo-secret-client.secret";
    public static final String TLS_CLIENT_AUTH_SCRIPT = "tls-client-auth-token.sh";
    public static final String MTLS_CLIENT_CREDENTIALS_SCRIPT = "client-credentials-mtls-token.sh";
    public static final String SECRET_CLIENT_CREDENTIALS_SCRIPT = "client-credentials-secret-token.sh";

    public static final String CERTIFICATE_CLIENT_ID = "demo-batch-client";
    public static final String SECRET_CLIENT_ID = "demo-secret-client";
    public static final String API_AUDIENCE = "https://demo-api.tokengate.test/";
    public static final String READ_SCOPE = API_AUDIENCE + "orders.read";
    public static final String WRITE_SCOPE = API_AUDIENCE + "orders.write";

    private final Path directory;

    public DemoSetup(Path directory) {
        this.directory = directory;
    }

    /** Writes the registry (and the secret client's secret) unless they exist. */
    public void seedRegistry() throws IOException {
        Path registry = directory.resolve(REGISTRY);
        if (Files.exists(registry)) {
            return;
        }
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        writePrivate(directory.resolve(SECRET_FILE), secret + "\n");
        String json = """
                {
                  "resource_servers": [
                    { "audience": "%1$s", "scopes": ["orders.read", "orders.write"] }
                  ],
                  "application_roles": [
                    { "name": "OrdersReader", "scopes": ["%2$s"] },
                    { "name": "OrdersWriter", "scopes": ["%3$s"] }
                  ],
                  "clients": [
                    {
                      "client_id": "%4$s",
                      "application_type": "confidential",
                      "client_type": "trusted",
                      "grant_types": ["tls_client_auth", "client_credentials"],
                      "token_endpoint_auth_methods": ["tls_client_auth"],
                      "certificate_file": "%5$s",
                      "roles": ["OrdersReader", "OrdersWriter"]
                    },
                    {
                      "client_id": "%6$s",
                      "application_type": "confidential",
                      "client_type": "confidential",
                      "grant_types": ["client_credentials"],
                      "token_endpoint_auth_methods": ["client_secret_basic", "client_secret_post"],
                      "client_secret_hash": "%7$s",
                      "roles": ["OrdersReader"]
                    }
                  ]
                }
                """.formatted(API_AUDIENCE, READ_SCOPE, WRITE_SCOPE, CERTIFICATE_CLIENT_ID, DemoPki.CLIENT_CERT,
                SECRET_CLIENT_ID, SecretHash.sha256Of(secret).encoded());
        Path temp = directory.resolve(REGISTRY + ".tmp");
        Files.writeString(temp, json, StandardCharsets.UTF_8);
        Files.move(temp, registry, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** The product's curl example, verbatim but for the real host, port and client id. */
    public static String tlsClientAuthCurl(String issuer) {
        return "curl -i --cacert cacert.crt --key client.key --cert client.crt"
                + " -H 'Content-Type: application/x-www-form-urlencoded;charset=UTF-8' --request POST "
                + issuer + "/oauth2/v1/token -d 'grant_type=tls_client_auth&client_id=" + CERTIFICATE_CLIENT_ID
                + "&scope=" + READ_SCOPE + "'";
    }

    /** Writes the runnable scripts for the current issuer; returns the tls_client_auth one. */
    public Path writeScripts(String issuer) throws IOException {
        Path main = script(TLS_CLIENT_AUTH_SCRIPT, tlsClientAuthCurl(issuer));
        script(MTLS_CLIENT_CREDENTIALS_SCRIPT, "curl -i --cacert cacert.crt --key client.key --cert client.crt"
                + " --request POST " + issuer + "/oauth2/v1/token -d 'grant_type=client_credentials&client_id="
                + CERTIFICATE_CLIENT_ID + "&scope=" + READ_SCOPE + "%20" + WRITE_SCOPE + "'");
        script(SECRET_CLIENT_CREDENTIALS_SCRIPT, "curl -i --cacert cacert.crt -u \"" + SECRET_CLIENT_ID
                + ":$(cat " + SECRET_FILE + ")\" --request POST " + issuer
                + "/oauth2/v1/token -d 'grant_type=client_credentials&scope=" + READ_SCOPE + "'");
        return main;
    }

    private Path script(String name, String command) throws IOException {
        Path file = directory.resolve(name);
        Files.writeString(file, String.join("\n", List.of("#!/bin/sh", "# Written by the Tokengate demo on every start.",
                "cd \"$(dirname \"$0\")\" || exit 1", command, "")), StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    private static void writePrivate(Path file, String content) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }
}
