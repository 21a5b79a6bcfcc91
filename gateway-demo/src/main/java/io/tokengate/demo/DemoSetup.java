package io.tokengate.demo;

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
 * application roles and the trusted identity providers (the client applications are registered by
 * {@link DemoClients}) — and (re)writes on every start the runnable curl scripts, which hold the
 * current host and port.
 */
public final class DemoSetup {
    public static final String REGISTRY = "registry.json";
    public static final String SIGNING_KEY = "signing-key.jwk";
    public static final String SECRET_FILE = "demo-secret-client.secret";
    public static final String TLS_CLIENT_AUTH_SCRIPT = "tls-client-auth-token.sh";
    public static final String MTLS_CLIENT_CREDENTIALS_SCRIPT = "client-credentials-mtls-token.sh";
    public static final String SECRET_CLIENT_CREDENTIALS_SCRIPT = "client-credentials-secret-token.sh";
    public static final String PASSWORD_BASIC_SCRIPT = "password-basic-token.sh";
    public static final String PASSWORD_BASIC_OFFLINE_SCRIPT = "password-basic-offline-token.sh";
    public static final String PASSWORD_ASSERTION_SCRIPT = "password-client-assertion-token.sh";
    public static final String PASSWORD_ASSERTION_OFFLINE_SCRIPT = "password-client-assertion-offline-token.sh";
    public static final String SAML_BEARER_SCRIPT = "saml-bearer-token.sh";
    public static final String JWT_BEARER_SCRIPT = "jwt-bearer-token.sh";
    public static final String REFRESH_SCRIPT = "refresh-token.sh";
    public static final String MINT_SCRIPT = "mint-assertion.sh";
    public static final String API_CALL_SCRIPT = "api-call.sh";
    public static final String API_CALL_WITHOUT_CERTIFICATE_SCRIPT = "api-call-without-certificate.sh";
    public static final String REGISTER_CERTIFICATE_CLIENT_SCRIPT = "register-certificate-client.sh";
    public static final String REGISTER_SECRET_CLIENT_SCRIPT = "register-secret-client.sh";

    public static final String CERTIFICATE_CLIENT_ID = "demo-batch-client";
    public static final String SECRET_CLIENT_ID = "demo-secret-client";
    public static final String API_AUDIENCE = "https://demo-api.tokengate.test/";
    public static final String READ_SCOPE = API_AUDIENCE + "orders.read";
    public static final String WRITE_SCOPE = API_AUDIENCE + "orders.write";

    private final Path directory;

    public DemoSetup(Path directory) {
        this.directory = directory;
    }

    /**
     * Writes the registry (resource server, roles, trusted issuers) unless it exists. Its clients are
     * not in the file: {@link DemoClients} registers them through the registration path.
     */
    public void seedRegistry() throws IOException {
        Path registry = directory.resolve(REGISTRY);
        if (Files.exists(registry)) {
            return;
        }
        String json = """
                {
                  "resource_servers": [
                    { "audience": "%1$s", "scopes": ["orders.read", "orders.write"] }
                  ],
                  "application_roles": [
                    { "name": "OrdersReader", "scopes": ["%2$s"] },
                    { "name": "OrdersWriter", "scopes": ["%3$s"] }
                  ],
                  "trusted_issuers": [
                    { "issuer": "%4$s", "type": "saml", "certificate_files": ["%5$s"] },
                    { "issuer": "%6$s", "type": "jwt", "certificate_files": ["%7$s"], "algorithms": ["RS256"] }
                  ]
                }
                """.formatted(API_AUDIENCE, READ_SCOPE, WRITE_SCOPE, DemoIdentities.SAML_IDP_ISSUER,
                DemoIdentities.SAML_IDP_CERT, DemoIdentities.JWT_IDP_ISSUER, DemoIdentities.JWT_IDP_CERT);
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
        writeAssertionFlowScripts(issuer);
        script(API_CALL_SCRIPT, "# usage: api-call.sh ACCESS_TOKEN   (with the client certificate the token may be bound to)\n"
                + "curl -i --cacert cacert.crt --key client.key --cert client.crt -H \"Authorization: Bearer $1\" "
                + issuer + "/api/orders");
        script(API_CALL_WITHOUT_CERTIFICATE_SCRIPT, "# usage: api-call-without-certificate.sh ACCESS_TOKEN\n"
                + "curl -i --cacert cacert.crt -H \"Authorization: Bearer $1\" " + issuer + "/api/orders");
        script(REGISTER_CERTIFICATE_CLIENT_SCRIPT, "# usage: register-certificate-client.sh NEW_CLIENT_ID\n"
                + DemoClients.registerCertificateClientCurl(issuer, "$1"));
        script(REGISTER_SECRET_CLIENT_SCRIPT, "# usage: register-secret-client.sh NEW_CLIENT_ID\n"
                + DemoClients.registerSecretClientCurl(issuer, "$1"));
        return main;
    }

    /**
     * The product's Assertion-flow examples, as written there: the password grant with HTTP Basic
     * and with a client assertion, each with and without {@code offline_access}; the SAML and JWT
     * bearer grants with an assertion minted fresh by {@code mint-assertion.sh}; and a refresh.
     */
    private void writeAssertionFlowScripts(String issuer) throws IOException {
        String javaCommand = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = java.util.Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .map(entry -> Path.of(entry).toAbsolutePath().toString())
                .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
        script(MINT_SCRIPT, "# usage: mint-assertion.sh saml|jwt|client-assertion SUBJECT_OR_CLIENT\nexec '" + javaCommand
                + "' -cp '" + classpath + "' io.tokengate.demo.MintAssertion \"$1\" '" + issuer + "' \"$2\" --data .");
        String endpoint = issuer + "/oauth2/v1/token";
        String basic = "-H \"Authorization: Basic $(printf '%s:%s' " + DemoIdentities.WEB_APP_ID + " \"$(cat "
                + DemoIdentities.WEB_APP_SECRET_FILE + ")\" | base64 -w0)\"";
        String password = "grant_type=password&username=" + DemoIdentities.USER + "&password=$(cat "
                + DemoIdentities.USER_PASSWORD_FILE + ")&scope=" + READ_SCOPE;
        String clientAssertion = "client_id=" + DemoIdentities.WEB_APP_ID + "&client_assertion_type="
                + "urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer&client_assertion=$(./" + MINT_SCRIPT
                + " client-assertion " + DemoIdentities.WEB_APP_ID + ")";
        String curl = "curl -i --cacert cacert.crt -H 'Content-Type: application/x-www-form-urlencoded;charset=UTF-8'"
                + " --request POST " + endpoint + " ";
        script(PASSWORD_BASIC_SCRIPT, curl + basic + " -d \"" + password + "\"");
        script(PASSWORD_BASIC_OFFLINE_SCRIPT, curl + basic + " -d \"" + password + "%20offline_access\"");
        script(PASSWORD_ASSERTION_SCRIPT, curl + "-d \"" + password + "&" + clientAssertion + "\"");
        script(PASSWORD_ASSERTION_OFFLINE_SCRIPT, curl + "-d \"" + password + "%20offline_access&" + clientAssertion + "\"");
        script(SAML_BEARER_SCRIPT, curl + basic + " -d \"grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Asaml2-bearer"
                + "&assertion=$(./" + MINT_SCRIPT + " saml " + DemoIdentities.USER + ")&scope=" + READ_SCOPE + "\"");
        script(JWT_BEARER_SCRIPT, curl + basic + " -d \"grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer"
                + "&assertion=$(./" + MINT_SCRIPT + " jwt " + DemoIdentities.USER + ")&scope=" + READ_SCOPE + "\"");
        script(REFRESH_SCRIPT, "# usage: refresh-token.sh REFRESH_TOKEN\n" + curl + basic
                + " -d \"grant_type=refresh_token&refresh_token=$1\"");
    }

    private Path script(String name, String command) throws IOException {
        Path file = directory.resolve(name);
        Files.writeString(file, String.join("\n", List.of("#!/bin/sh", "# Written by the Tokengate demo on every start.",
                "cd \"$(dirname \"$0\")\" || exit 1", command, "")), StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

}
