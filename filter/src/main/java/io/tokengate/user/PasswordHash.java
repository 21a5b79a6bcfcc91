package io.tokengate.user;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * A stored password hash in one of two self-describing forms, parsed (and so checked) once, when
 * the user is loaded:
 * <ul>
 *   <li>Argon2id (RFC 9106) in the PHC string format:
 *       {@code $argon2id$v=19$m=<KiB>,t=<passes>,p=<lanes>$<salt>$<hash>} with salt and hash in
 *       unpadded standard Base64; an optional {@code {argon2}} prefix (Spring Security's) is accepted;</li>
 *   <li>bcrypt, for imported users: {@code $2y$<cost>$…} or {@code {bcrypt}$2y$…}.</li>
 * </ul>
 * {@link #matches} compares in constant time. Immutable and thread-safe; {@link #toString()}
 * shows the algorithm and its parameters, never salt or hash.
 */
public final class PasswordHash {
    private static final String ARGON2_PREFIX = "{argon2}";
    private static final String BCRYPT_PREFIX = "{bcrypt}";
    private static final Pattern ARGON2ID = Pattern.compile(
            "\\$argon2id\\$v=(\\d{1,3})\\$m=(\\d{1,8}),t=(\\d{1,4}),p=(\\d{1,3})\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)");
    /** What BouncyCastle's OpenBSDBCrypt accepts: version, cost 4 to 31, 22 characters of salt and 31 of hash. */
    private static final Pattern BCRYPT = Pattern.compile("\\$2[abxy]\\$(0[4-9]|[12][0-9]|3[01])\\$[./A-Za-z0-9]{53}");
    /** Bounds that refuse a hash which would cost seconds or gigabytes per sign-in. */
    static final int MAX_MEMORY_KIB = 1024 * 1024;
    static final int MAX_ITERATIONS = 100;
    static final int MAX_PARALLELISM = 16;

    private final String encoded;
    private final Argon2Parameters argon2;
    private final byte[] argon2Hash;
    private final String bcrypt;

    private PasswordHash(String encoded, Argon2Parameters argon2, byte[] argon2Hash, String bcrypt) {
        this.encoded = encoded;
        this.argon2 = argon2;
        this.argon2Hash = argon2Hash;
        this.bcrypt = bcrypt;
    }

    /**
     * @throws IllegalArgumentException when {@code encoded} is neither a well-formed Argon2id PHC
     *         string (version 19, parameters within bounds, salt of 8 to 64 bytes, hash of 16 to
     *         64 bytes) nor a bcrypt hash; the message never repeats the hash
     */
    public static PasswordHash parse(String encoded) {
        Objects.requireNonNull(encoded, "encoded");
        String phc = encoded.startsWith(ARGON2_PREFIX) ? encoded.substring(ARGON2_PREFIX.length()) : encoded;
        Matcher m = ARGON2ID.matcher(phc);
        if (m.matches()) {
            return argon2id(encoded, m);
        }
        String b = encoded.startsWith(BCRYPT_PREFIX) ? encoded.substring(BCRYPT_PREFIX.length()) : encoded;
        if (BCRYPT.matcher(b).matches()) {
            return new PasswordHash(encoded, null, null, b);
        }
        if (phc.startsWith("$argon2")) {
            throw new IllegalArgumentException("an Argon2 password hash must be argon2id in the form"
                    + " $argon2id$v=19$m=<KiB>,t=<passes>,p=<lanes>$<salt>$<hash> (unpadded Base64)");
        }
        throw new IllegalArgumentException("a password hash must be $argon2id$v=19$… or bcrypt ($2y$… or {bcrypt}$2y$…)");
    }

    private static PasswordHash argon2id(String encoded, Matcher m) {
        int version = Integer.parseInt(m.group(1));
        int memory = Integer.parseInt(m.group(2));
        int iterations = Integer.parseInt(m.group(3));
        int parallelism = Integer.parseInt(m.group(4));
        if (version != 19) {
            throw new IllegalArgumentException("Argon2id version must be v=19 (0x13), was v=" + version);
        }
        checkParameters(memory, iterations, parallelism);
        byte[] salt = decode(m.group(5), "salt");
        byte[] hash = decode(m.group(6), "hash");
        if (salt.length < 8 || salt.length > 64) {
            throw new IllegalArgumentException("Argon2id salt must be 8 to 64 bytes, was " + salt.length);
        }
        if (hash.length < 16 || hash.length > 64) {
            throw new IllegalArgumentException("Argon2id hash must be 16 to 64 bytes, was " + hash.length);
        }
        return new PasswordHash(encoded, parameters(memory, iterations, parallelism, salt), hash, null);
    }

    /** @throws IllegalArgumentException naming the Argon2id parameter out of range */
    static void checkParameters(int memoryKiB, int iterations, int parallelism) {
        if (parallelism < 1 || parallelism > MAX_PARALLELISM) {
            throw new IllegalArgumentException("Argon2id parallelism p must be 1 to " + MAX_PARALLELISM + ", was " + parallelism);
        }
        if (memoryKiB < 8 * parallelism || memoryKiB > MAX_MEMORY_KIB) {
            throw new IllegalArgumentException("Argon2id memory m must be 8*p to " + MAX_MEMORY_KIB + " KiB, was " + memoryKiB);
        }
        if (iterations < 1 || iterations > MAX_ITERATIONS) {
            throw new IllegalArgumentException("Argon2id iterations t must be 1 to " + MAX_ITERATIONS + ", was " + iterations);
        }
    }

    /** Hashes {@code password} with Argon2id and the given parameters. */
    static PasswordHash argon2id(String password, int memoryKiB, int iterations, int parallelism, byte[] salt,
            int hashLength) {
        Argon2Parameters parameters = parameters(memoryKiB, iterations, parallelism, salt);
        byte[] hash = derive(parameters, password, hashLength);
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        String encoded = "$argon2id$v=19$m=" + memoryKiB + ",t=" + iterations + ",p=" + parallelism
                + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
        return new PasswordHash(encoded, parameters, hash, null);
    }

    /** Whether {@code password} is the one this hash was made from; the comparison is constant-time. */
    public boolean matches(String password) {
        Objects.requireNonNull(password, "password");
        if (argon2 != null) {
            return MessageDigest.isEqual(argon2Hash, derive(argon2, password, argon2Hash.length));
        }
        try {
            return OpenBSDBCrypt.checkPassword(bcrypt, password.toCharArray());
        } catch (RuntimeException e) {
            return false; // BouncyCastle refuses some inputs (e.g. over 72 bytes) rather than answering false
        }
    }

    /** Whether this is an Argon2id hash (rather than an imported bcrypt one). */
    public boolean isArgon2id() {
        return argon2 != null;
    }

    /** The stored form, as {@link #parse} accepts it. */
    public String encoded() {
        return encoded;
    }

    private static Argon2Parameters parameters(int memoryKiB, int iterations, int parallelism, byte[] salt) {
        return new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(memoryKiB).withIterations(iterations).withParallelism(parallelism)
                .withSalt(salt).build();
    }

    private static byte[] derive(Argon2Parameters parameters, String password, int length) {
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(parameters);
        byte[] out = new byte[length];
        generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
        return out;
    }

    private static byte[] decode(String base64, String what) {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Argon2id " + what + " is not valid unpadded Base64");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PasswordHash other && encoded.equals(other.encoded);
    }

    @Override
    public int hashCode() {
        return encoded.hashCode();
    }

    @Override
    public String toString() {
        return argon2 != null
                ? "PasswordHash[argon2id m=" + argon2.getMemory() + ",t=" + argon2.getIterations()
                        + ",p=" + argon2.getLanes() + "]"
                : "PasswordHash[bcrypt cost=" + bcrypt.substring(4, 6) + "]";
    }
}
