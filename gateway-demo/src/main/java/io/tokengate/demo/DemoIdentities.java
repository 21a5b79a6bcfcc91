package io.tokengate.demo;

import io.tokengate.user.PasswordHasher;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The parties of the Assertion flow in the demo, made on first start: a SAML identity provider and
 * a JWT issuer (each a self-signed RSA signing certificate), the web application client that
 * presents their assertions (a demo-CA certificate for {@code private_key_jwt}, and a secret), and
 * the user {@code alice} with a random password, hashed with Argon2id in {@code users.json}.
 */
public final class DemoIdentities {
    public static final String SAML_IDP_ISSUER = "https://idp.tokengate.test/saml";
    public static final String SAML_IDP_CERT = "saml-idp.crt";
    public static final String SAML_IDP_KEY = "saml-idp.key";
    public static final String JWT_IDP_ISSUER = "https://idp.tokengate.test/jwt";
    public static final String JWT_IDP_CERT = "jwt-idp.crt";
    public static final String JWT_IDP_KEY = "jwt-idp.key";
    public static final String WEB_APP_ID = "demo-web-app";
    public static final String WEB_APP_CERT = "web-app.crt";
    public static final String WEB_APP_KEY = "web-app.key";
    public static final String WEB_APP_SECRET_FILE = "demo-web-app.secret";
    public static final String USER = "alice";
    public static final String USER_PASSWORD_FILE = "demo-user.password";
    public static final String USERS_FILE = "users.json";
    /** Application A of the sidecar walkthrough: a Trusted client that asserts its signed-in users. */
    public static final String APP_A_ID = "demo-app-a";
    public static final String APP_A_CERT = "app-a.crt";
    public static final String APP_A_KEY = "app-a.key";
    public static final String APP_A_SECRET_FILE = "demo-app-a.secret";

    private final Path directory;
    private final SecureRandom random = new SecureRandom();

    public DemoIdentities(Path directory) {
        this.directory = directory;
    }

    /** Creates whatever of the above is missing. */
    public void ensure(DemoPki pki) throws IOException, GeneralSecurityException {
        pki.ensureSigningCertificate(SAML_IDP_CERT, SAML_IDP_KEY, "CN=Tokengate Demo SAML IdP, O=Tokengate");
        pki.ensureSigningCertificate(JWT_IDP_CERT, JWT_IDP_KEY, "CN=Tokengate Demo JWT Issuer, O=Tokengate");
        pki.ensureClientCertificate(WEB_APP_CERT, WEB_APP_KEY, "CN=" + WEB_APP_ID + ", O=Tokengate Demo");
        pki.ensureClientCertificate(APP_A_CERT, APP_A_KEY, "CN=" + APP_A_ID + ", O=Tokengate Demo");
        if (!Files.exists(directory.resolve(USERS_FILE))) {
            String password = randomSecret();
            writePrivate(USER_PASSWORD_FILE, password + "\n");
            String hash = PasswordHasher.withDefaults(random).hash(password).encoded();
            Files.writeString(directory.resolve(USERS_FILE), "{\"users\": [{\"username\": \"" + USER
                    + "\", \"password_hash\": \"" + hash + "\"}]}\n", StandardCharsets.UTF_8);
        }
    }

    /** 256 random bits, base64url: a generated secret or password. */
    String randomSecret() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    void writePrivate(String name, String content) throws IOException {
        Path file = directory.resolve(name);
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }
}
