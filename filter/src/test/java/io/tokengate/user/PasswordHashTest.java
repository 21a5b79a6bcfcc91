package io.tokengate.user;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordHashTest {
    private static final String PASSWORD = "correct horse battery staple";
    /** Made by the reference implementation (libargon2, argon2id_hash_encoded) with salt "tokengate-salt16". */
    private static final String REFERENCE_T3 =
            "$argon2id$v=19$m=256,t=3,p=1$dG9rZW5nYXRlLXNhbHQxNg$5T2YQh9pmi3Vg9oZ0GXEYSLe+5OxCAfi03+JWmksyWQ";
    private static final String REFERENCE_P2 =
            "$argon2id$v=19$m=1024,t=2,p=2$dG9rZW5nYXRlLXNhbHQxNg$3t4JS5HUCxhwHURRxcaLn+TwVNCFCHWjPLEAX7UjhqE";
    /** Password "pässwörd" in UTF-8, 16-byte hash. */
    private static final String REFERENCE_UTF8 = "$argon2id$v=19$m=64,t=1,p=1$dG9rZW5nYXRlLXNhbHQxNg$w9r4BwdQxTSdkiQ3XFSAWw";
    /** Made by libxcrypt's crypt(3). */
    private static final String BCRYPT_2B = "$2b$04$abcdefghijklmnopqrstuu7EJV7kdjBBQxyb0HjTh9KS7.Lah/6CG";
    private static final String BCRYPT_2Y = "$2y$05$ABCDEFGHIJKLMNOPQRSTUuKGxkAaoBVtx5pBUbkcmXJ9X86rN9gCi";

    @ParameterizedTest
    @ValueSource(strings = {REFERENCE_T3, REFERENCE_P2, "{argon2}" + REFERENCE_T3})
    void matchesWhenReferenceArgon2idHashAndRightPasswordThenTrue(String encoded) {
        assertTrue(PasswordHash.parse(encoded).matches(PASSWORD));
    }

    @Test
    void matchesWhenReferenceArgon2idHashOfUtf8PasswordThenTrue() {
        PasswordHash hash = PasswordHash.parse(REFERENCE_UTF8);

        assertTrue(hash.matches("pässwörd"));
        assertFalse(hash.matches("passwort"));
    }

    @Test
    void matchesWhenArgon2idAndWrongPasswordThenFalse() {
        PasswordHash hash = PasswordHash.parse(REFERENCE_T3);

        assertFalse(hash.matches(PASSWORD + " "));
        assertFalse(hash.matches("Correct horse battery staple"));
        assertFalse(hash.matches(""));
    }

    @ParameterizedTest
    @ValueSource(strings = {BCRYPT_2B, BCRYPT_2Y, "{bcrypt}" + BCRYPT_2Y})
    void matchesWhenBcryptImportAndRightPasswordThenTrue(String encoded) {
        PasswordHash hash = PasswordHash.parse(encoded);

        assertTrue(hash.matches(PASSWORD));
        assertFalse(hash.isArgon2id());
    }

    @Test
    void matchesWhenBcryptAndWrongPasswordThenFalse() {
        assertFalse(PasswordHash.parse(BCRYPT_2Y).matches("correct horse battery stapler"));
    }

    @Test
    void matchesWhenBcryptAndPasswordOver72BytesThenFalseNotException() {
        assertFalse(PasswordHash.parse(BCRYPT_2Y).matches(PASSWORD + "x".repeat(100)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''|a password hash must be",
        "correct horse battery staple|a password hash must be",
        "{sha256}n4bQgYhMfWWaL+qgxVrQFaO/TxsrC4Is0V1sFbDwCgg=|a password hash must be",
        "$argon2i$v=19$m=256,t=3,p=1$dG9rZW5nYXRlLXNhbHQxNg$5T2YQh9pmi3Vg9oZ0GXEYSLe+5OxCAfi03+JWmksyWQ|must be argon2id",
        "$argon2id$m=256,t=3,p=1$dG9rZW5nYXRlLXNhbHQxNg$5T2YQh9pmi3Vg9oZ0GXEYSLe+5OxCAfi03+JWmksyWQ|must be argon2id",
        "$argon2id$v=16$m=256,t=3,p=1$dG9rZW5nYXRlLXNhbHQxNg$5T2YQh9pmi3Vg9oZ0GXEYSLe+5OxCAfi03+JWmksyWQ|v=19",
        "$argon2id$v=19$m=4,t=3,p=1$dG9rZW5nYXRlLXNhbHQxNg$5T2YQh9pmi3Vg9oZ0GXEYSLe+5OxCAfi03+JWmksyWQ|memory m",
        "$argon2id$v=19$m=9999999,t=3,p=1$dG9rZW5nYXRlLXNhbHQxNg$5T2YQh9pmi3Vg9oZ0GXEYSLe+5OxCAfi03+JWmksyWQ|memory m",
        "$argon2id$v=19$m=256,t=0,p=1$dG9rZW5nYXRlLXNhbHQxNg$5T2YQh9pmi3Vg9oZ0GXEYSLe+5OxCAfi03+JWmksyWQ|iterations t",
        "$argon2id$v=19$m=256,t=3,p=0$dG9rZW5nYXRlLXNhbHQxNg$5T2YQh9pmi3Vg9oZ0GXEYSLe+5OxCAfi03+JWmksyWQ|parallelism p",
        "$argon2id$v=19$m=256,t=3,p=1$c2FsdA$5T2YQh9pmi3Vg9oZ0GXEYSLe+5OxCAfi03+JWmksyWQ|salt must be 8 to 64 bytes",
        "$argon2id$v=19$m=256,t=3,p=1$dG9rZW5nYXRlLXNhbHQxNg$5T2YQh9pmi3Vg9oZ|hash must be 16 to 64 bytes",
        "$argon2id$v=19$m=256,t=3,p=1$dG9rZW5nYXRlLXNhbHQxNg==$5T2YQh9pmi3Vg9oZ0GXEYSLe+5OxCAfi03+JWmksyWQ|must be argon2id",
        "$argon2id$v=19$m=256,t=3,p=1$A$5T2YQh9pmi3Vg9oZ0GXEYSLe+5OxCAfi03+JWmksyWQ|salt is not valid",
        "$2y$03$ABCDEFGHIJKLMNOPQRSTUuKGxkAaoBVtx5pBUbkcmXJ9X86rN9gCi|a password hash must be",
        "$2y$05$ABCDEFGHIJKLMNOPQRSTUuKGxkAaoBVtx5pBUbkcm|a password hash must be",
    })
    void parseWhenMalformedThenRefusedWithoutRepeatingTheHash(String encoded, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PasswordHash.parse(encoded));

        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertFalse(e.getMessage().contains("5T2YQh9pmi3Vg9oZ"), e.getMessage());
        assertFalse(e.getMessage().contains("ABCDEFGHIJ"), e.getMessage());
    }

    @Test
    void toStringWhenArgon2idThenParametersWithoutSaltOrHash() {
        assertEquals("PasswordHash[argon2id m=256,t=3,p=1]", PasswordHash.parse(REFERENCE_T3).toString());
    }

    @Test
    void toStringWhenBcryptThenCostWithoutHash() {
        assertEquals("PasswordHash[bcrypt cost=05]", PasswordHash.parse("{bcrypt}" + BCRYPT_2Y).toString());
    }

    @Test
    void encodedWhenParsedThenStoredFormUnchanged() {
        assertEquals("{bcrypt}" + BCRYPT_2Y, PasswordHash.parse("{bcrypt}" + BCRYPT_2Y).encoded());
        assertEquals(PasswordHash.parse(REFERENCE_T3), PasswordHash.parse(REFERENCE_T3));
    }
}
