package io.tokengate.user;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PasswordHasherTest {
    private static final String PASSWORD = "correct horse battery staple";

    private final PasswordHasher hasher = new PasswordHasher(256, 1, 1, new SecureRandom());

    @Test
    void hashWhenPasswordThenArgon2idPhcStringWithConfiguredParameters() {
        String encoded = hasher.hash(PASSWORD).encoded();

        assertTrue(encoded.startsWith("$argon2id$v=19$m=256,t=1,p=1$"), encoded);
        String[] parts = encoded.split("\\$");
        assertEquals(16, Base64.getDecoder().decode(parts[4]).length);
        assertEquals(32, Base64.getDecoder().decode(parts[5]).length);
        assertFalse((parts[4] + parts[5]).contains("="), "PHC strings use unpadded Base64: " + encoded);
    }

    @Test
    void hashWhenSamePasswordTwiceThenDifferentSaltsAndBothVerify() {
        PasswordHash first = hasher.hash(PASSWORD);
        PasswordHash second = hasher.hash(PASSWORD);

        assertNotEquals(first.encoded(), second.encoded());
        assertTrue(hasher.verify(Optional.of(first), PASSWORD));
        assertTrue(hasher.verify(Optional.of(second), PASSWORD));
    }

    @Test
    void hashWhenStoredAndParsedAgainThenStillVerifies() {
        PasswordHash reloaded = PasswordHash.parse(hasher.hash(PASSWORD).encoded());

        assertTrue(hasher.verify(Optional.of(reloaded), PASSWORD));
    }

    @Test
    void verifyWhenArgon2idAndWrongPasswordThenFalse() {
        assertFalse(hasher.verify(Optional.of(hasher.hash(PASSWORD)), "correct horse battery stapler"));
    }

    @Test
    void verifyWhenBcryptImportAndRightPasswordThenTrue() {
        String bcrypt = OpenBSDBCrypt.generate("2y", PASSWORD.toCharArray(), new byte[16], 4);

        assertTrue(hasher.verify(Optional.of(PasswordHash.parse("{bcrypt}" + bcrypt)), PASSWORD));
        assertFalse(hasher.verify(Optional.of(PasswordHash.parse(bcrypt)), "wrong"));
    }

    @Test
    void verifyWhenUserUnknownThenFalseForAnyPassword() {
        assertFalse(hasher.verify(Optional.empty(), PASSWORD));
        assertFalse(hasher.verify(Optional.empty(), ""));
    }

    @Test
    void verifyWhenPasswordNullThenNullPointerException() {
        assertThrows(NullPointerException.class, () -> hasher.verify(Optional.empty(), null));
    }

    @Test
    void withDefaultsWhenHashingThenDocumentedParameters() {
        PasswordHasher defaults = PasswordHasher.withDefaults(new SecureRandom());

        PasswordHash hash = defaults.hash(PASSWORD);

        assertTrue(hash.encoded().startsWith("$argon2id$v=19$m=12288,t=3,p=1$"), hash.encoded());
        assertTrue(defaults.verify(Optional.of(hash), PASSWORD));
    }

    @ParameterizedTest
    @CsvSource({"4, 1, 1, memory m", "256, 0, 1, iterations t", "256, 101, 1, iterations t",
        "256, 1, 0, parallelism p", "256, 1, 17, parallelism p", "8, 1, 2, memory m"})
    void constructorWhenParameterOutOfRangeThenRefusedNamingIt(int memory, int iterations, int parallelism,
            String named) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new PasswordHasher(memory, iterations, parallelism, new SecureRandom()));

        assertTrue(e.getMessage().contains(named), e.getMessage());
    }

    @Test
    void toStringWhenAskedThenParametersOnly() {
        assertEquals("PasswordHasher[argon2id m=256,t=1,p=1]", hasher.toString());
    }
}
