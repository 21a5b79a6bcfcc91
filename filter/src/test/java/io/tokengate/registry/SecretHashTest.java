package io.tokengate.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecretHashTest {
    private static final String SECRET = "8Qe1v2GkZ0uJtN7yXr4hWc5sLp3bDm9a";
    private static final int LOW_BCRYPT_COST = 4;

    @Test
    void matchesWhenSha256OfSameSecretThenTrue() {
        assertTrue(SecretHash.sha256Of(SECRET).matches(SECRET));
    }

    @Test
    void matchesWhenSha256OfOtherSecretThenFalse() {
        SecretHash hash = SecretHash.sha256Of(SECRET);

        assertFalse(hash.matches(SECRET + "x"));
        assertFalse(hash.matches(""));
    }

    @Test
    void parseWhenSha256OfSecretThenMatchesIt() throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest("p@ss+w%rd".getBytes(StandardCharsets.UTF_8));
        String stored = "{sha256}" + Base64.getEncoder().encodeToString(digest);

        SecretHash hash = SecretHash.parse(stored);

        assertTrue(hash.matches("p@ss+w%rd"));
        assertEquals(stored, hash.encoded());
    }

    @Test
    void parseWhenSha256DigestNotThirtyTwoBytesThenRefused() {
        String stored = "{sha256}" + Base64.getEncoder().encodeToString(new byte[31]);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SecretHash.parse(stored));

        assertTrue(e.getMessage().contains("32 bytes"), e.getMessage());
    }

    @Test
    void parseWhenSha256NotBase64ThenRefused() {
        assertThrows(IllegalArgumentException.class, () -> SecretHash.parse("{sha256}not*base64"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain-secret", "{md5}1B2M2Y8AsgTpgAmY7PhCfg==", "{SHA256}47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=", ""})
    void parseWhenNeitherSha256NorBcryptThenRefused(String stored) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SecretHash.parse(stored));

        assertTrue(e.getMessage().contains("{sha256}BASE64 or {bcrypt}"), e.getMessage());
    }

    @Test
    void matchesWhenBcryptOfSameSecretThenTrue() {
        SecretHash hash = SecretHash.bcryptOf("correct horse", LOW_BCRYPT_COST, new SecureRandom());

        assertTrue(hash.matches("correct horse"));
        assertTrue(hash.encoded().startsWith("{bcrypt}$2y$04$"), hash.encoded());
    }

    @Test
    void matchesWhenBcryptOfOtherSecretThenFalse() {
        SecretHash hash = SecretHash.bcryptOf("correct horse", LOW_BCRYPT_COST, new SecureRandom());

        assertFalse(hash.matches("correct horse battery"));
    }

    @Test
    void parseWhenBcryptStoredFormThenMatchesItsSecret() {
        String stored = SecretHash.bcryptOf("correct horse", LOW_BCRYPT_COST, new SecureRandom()).encoded();

        assertTrue(SecretHash.parse(stored).matches("correct horse"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2a", "2b", "2y"})
    void parseWhenBcryptVersionOfOtherToolsThenAccepted(String version) {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        String stored = "{bcrypt}" + OpenBSDBCrypt.generate(version, "correct horse".toCharArray(), salt, LOW_BCRYPT_COST);

        assertTrue(SecretHash.parse(stored).matches("correct horse"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{bcrypt}$2y$10$tooShort",
        "{bcrypt}not-a-bcrypt-hash-at-all-but-long-enough-to-pass-a-length-check-x",
        "{bcrypt}$2c$04$iUIwQCvjlWn9AJo/WZ/4P.zwzyXPx9/3/HVPDKFDBn05xMEv6ScT2",
        "{bcrypt}$2y$99$iUIwQCvjlWn9AJo/WZ/4P.zwzyXPx9/3/HVPDKFDBn05xMEv6ScT2"})
    void parseWhenBcryptMalformedThenRefusedAtLoadNotAtFirstUse(String stored) {
        assertThrows(IllegalArgumentException.class, () -> SecretHash.parse(stored));
    }

    @Test
    void toStringWhenCalledThenHidesTheHash() {
        SecretHash hash = SecretHash.sha256Of(SECRET);

        assertEquals("SecretHash[{sha256}…]", hash.toString());
        assertFalse(hash.toString().contains(hash.encoded().substring("{sha256}".length())));
    }
}
