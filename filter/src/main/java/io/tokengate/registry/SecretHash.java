package io.tokengate.registry;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/**
 * A client secret as the registry stores it: hashed, never in clear. Two formats:
 * <ul>
 *   <li>{@code {sha256}BASE64} — SHA-256 of the secret; right for the high-entropy secrets the
 *       server generates (at least 128 random bits), and cheap on every token request;</li>
 *   <li>{@code {bcrypt}$2y$...} — bcrypt (BouncyCastle), for secrets a person chose.</li>
 * </ul>
 * Comparison is constant-time. Immutable.
 */
public final class SecretHash {
    private static final String SHA256 = "{sha256}";
    private static final String BCRYPT = "{bcrypt}";
    /** What BouncyCastle's OpenBSDBCrypt accepts: version, cost 4 to 31, 22 characters of salt and 31 of hash. */
    private static final Pattern BCRYPT_FORM = Pattern.compile("\\$2[abxy]\\$(0[4-9]|[12][0-9]|3[01])\\$[./A-Za-z0-9]{53}");

    private final String encoded;
    private final byte[] sha256;

    private SecretHash(String encoded, byte[] sha256) {
        this.encoded = encoded;
        this.sha256 = sha256;
    }

    /** @throws IllegalArgumentException when the stored form is neither {@code {sha256}} nor {@code {bcrypt}} */
    public static SecretHash parse(String encoded) {
        if (encoded.startsWith(SHA256)) {
            byte[] digest;
            try {
                digest = Base64.getDecoder().decode(encoded.substring(SHA256.length()));
            } catch (IllegalArgumentException e) {
                digest = new byte[0];
            }
            if (digest.length != 32) {
                throw new IllegalArgumentException("a {sha256} secret hash must be the base64 of 32 bytes");
            }
            return new SecretHash(encoded, digest);
        }
        if (encoded.startsWith(BCRYPT) && BCRYPT_FORM.matcher(encoded.substring(BCRYPT.length())).matches()) {
            return new SecretHash(encoded, null);
        }
        throw new IllegalArgumentException("a client secret must be stored hashed as {sha256}BASE64 or {bcrypt}$2y$...");
    }

    /** The {@code {sha256}} form of a secret, for generated high-entropy secrets. */
    public static SecretHash sha256Of(String secret) {
        return parse(SHA256 + Base64.getEncoder().encodeToString(sha256(secret)));
    }

    /** The {@code {bcrypt}} form of a secret, for secrets a person chose. */
    public static SecretHash bcryptOf(String secret, int cost, SecureRandom random) {
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        return parse(BCRYPT + OpenBSDBCrypt.generate("2y", secret.toCharArray(), salt, cost));
    }

    /** Whether {@code secret} is the secret this hash was made from; constant-time in the secret's content. */
    public boolean matches(String secret) {
        if (sha256 != null) {
            return MessageDigest.isEqual(sha256, sha256(secret));
        }
        return OpenBSDBCrypt.checkPassword(encoded.substring(BCRYPT.length()), secret.toCharArray());
    }

    /** The stored form. */
    public String encoded() {
        return encoded;
    }

    private static byte[] sha256(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "SecretHash[" + encoded.substring(0, encoded.indexOf('}') + 1) + "…]";
    }
}
