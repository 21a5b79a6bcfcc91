package io.tokengate.user;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * Hashes and verifies resource owner passwords for the password grant (RFC 6749 §4.3) with
 * Argon2id (RFC 9106, BouncyCastle's {@code Argon2BytesGenerator}), stored as self-describing
 * {@link PasswordHash} strings; bcrypt hashes of imported users are verified too.
 *
 * <p><b>Default parameters</b> ({@link #withDefaults}): m = 12 MiB, t = 3, p = 1, a 16-byte salt
 * and a 32-byte hash — one of the equivalent settings the OWASP Password Storage Cheat Sheet lists
 * (m=12288, t=3, p=1). On the 2-core build machine (JDK 17, BouncyCastle 1.87, with benchmarks
 * running alongside, load about 2.5) one hash took 24–29 ms; OWASP's first choice, m=19 MiB, t=2,
 * took 35–37 ms there, over the 10–30 ms budget. p stays 1 because BouncyCastle computes the
 * lanes one after the other, so more lanes cost time without buying parallelism. Each
 * verification holds m of memory while it runs, so 100 concurrent sign-ins need about 1.2 GiB.
 *
 * <p><b>Unknown users</b>: {@link #verify} with no stored hash verifies against a dummy hash made
 * with this hasher's parameters, so a sign-in for a user who does not exist costs the same as one
 * for a user who does (an imported bcrypt user costs what its own cost factor says).
 *
 * <p>Immutable and thread-safe; tests may pass cheap parameters to the constructor.
 */
public final class PasswordHasher {
    public static final int DEFAULT_MEMORY_KIB = 12 * 1024;
    public static final int DEFAULT_ITERATIONS = 3;
    public static final int DEFAULT_PARALLELISM = 1;
    static final int SALT_BYTES = 16;
    static final int HASH_BYTES = 32;

    private final int memoryKiB;
    private final int iterations;
    private final int parallelism;
    private final SecureRandom random;
    private final PasswordHash dummy;

    /**
     * @param memoryKiB   Argon2id memory in KiB, 8·p to 1 GiB
     * @param iterations  passes over the memory, 1 to 100
     * @param parallelism lanes, 1 to 16
     * @param random      source of the salts
     * @throws IllegalArgumentException naming the parameter out of range
     */
    public PasswordHasher(int memoryKiB, int iterations, int parallelism, SecureRandom random) {
        PasswordHash.checkParameters(memoryKiB, iterations, parallelism);
        this.memoryKiB = memoryKiB;
        this.iterations = iterations;
        this.parallelism = parallelism;
        this.random = Objects.requireNonNull(random, "random");
        byte[] unguessable = new byte[32];
        random.nextBytes(unguessable);
        this.dummy = hash(Base64.getEncoder().encodeToString(unguessable));
    }

    /** A hasher with the default parameters described above. */
    public static PasswordHasher withDefaults(SecureRandom random) {
        return new PasswordHasher(DEFAULT_MEMORY_KIB, DEFAULT_ITERATIONS, DEFAULT_PARALLELISM, random);
    }

    /** A new Argon2id hash of {@code password} with a fresh random salt. */
    public PasswordHash hash(String password) {
        Objects.requireNonNull(password, "password");
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        return PasswordHash.argon2id(password, memoryKiB, iterations, parallelism, salt, HASH_BYTES);
    }

    /**
     * Whether {@code password} matches {@code stored}. With no stored hash (the user is unknown)
     * the same work is done against a dummy hash and the answer is {@code false}.
     */
    public boolean verify(Optional<PasswordHash> stored, String password) {
        Objects.requireNonNull(password, "password");
        boolean matches = stored.orElse(dummy).matches(password);
        return stored.isPresent() && matches;
    }

    @Override
    public String toString() {
        return "PasswordHasher[argon2id m=" + memoryKiB + ",t=" + iterations + ",p=" + parallelism + "]";
    }
}
