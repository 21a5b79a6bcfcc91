package io.tokengate.store.jdbc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Protects private signing keys at rest: AES-256-GCM under a key-encryption key that lives in a
 * file outside the database (owner-only permissions), never in it. Each sealed value is
 * {@code v1.} + base64(12-byte random nonce, ciphertext and tag), bound to its key id as
 * associated data, so a sealed key cannot be moved to another row. Whoever reads the database
 * alone learns only public keys. Thread-safe.
 */
final class KeySealer {
    private static final String PREFIX = "v1.";
    private static final int NONCE_BYTES = 12;

    private final SecretKey key;
    private final Path file;
    private final SecureRandom random;

    KeySealer(byte[] key, Path file, SecureRandom random) {
        if (key.length != 32) {
            throw new IllegalArgumentException("the key-encryption key in " + file + " must be 32 bytes, base64-encoded");
        }
        this.key = new SecretKeySpec(key, "AES");
        this.file = file;
        this.random = Objects.requireNonNull(random, "random");
    }

    /** The key in {@code file}; 32 fresh random bytes written there (owner-only, atomically) if it does not exist. */
    static KeySealer fromFile(Path file, SecureRandom random) {
        try {
            if (!Files.exists(file)) {
                byte[] fresh = new byte[32];
                random.nextBytes(fresh);
                Path parent = file.toAbsolutePath().getParent();
                Files.createDirectories(parent);
                Path temp = Files.createTempFile(parent, ".kek", ".tmp");
                try {
                    Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException e) {
                    // not a POSIX file system; the directory's protection applies
                }
                Files.writeString(temp, Base64.getEncoder().encodeToString(fresh) + "\n", StandardCharsets.US_ASCII);
                try {
                    Files.createLink(file, temp);
                } catch (FileAlreadyExistsException e) {
                    // another process created it first: use theirs
                } finally {
                    Files.delete(temp);
                }
            }
            byte[] key = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).trim());
            return new KeySealer(key, file, random);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot use key-encryption-key-file " + file + ": " + e.getMessage(), e);
        }
    }

    String seal(String keyId, String plaintext) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
            cipher.updateAAD(keyId.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = Arrays.copyOf(nonce, NONCE_BYTES + sealed.length);
            System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
            return PREFIX + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt signing key " + keyId, e);
        }
    }

    /** @throws IllegalStateException naming the file when this key did not seal the value */
    String open(String keyId, String sealed) {
        try {
            if (!sealed.startsWith(PREFIX)) {
                throw new IllegalStateException("signing key " + keyId + " is not sealed in a format this version reads");
            }
            byte[] in = Base64.getDecoder().decode(sealed.substring(PREFIX.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, in, 0, NONCE_BYTES));
            cipher.updateAAD(keyId.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new IllegalStateException("signing key " + keyId + " in the database was sealed with another"
                    + " key-encryption key than the one in " + file + "; give every node the same key-encryption-key-file", e);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot decrypt signing key " + keyId + ": " + e.getMessage(), e);
        }
    }
}
