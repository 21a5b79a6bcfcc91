package io.tokengate.resource;

import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The cache key of a token: its SHA-256, held as four longs, so that the validation cache never
 * keeps a usable token in memory (a heap dump shows digests, not bearer credentials) and compares
 * keys without allocating. Immutable.
 */
final class TokenDigest {
    private static final MessageDigest PROTOTYPE;

    static {
        try {
            PROTOTYPE = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final long a;
    private final long b;
    private final long c;
    private final long d;

    private TokenDigest(long a, long b, long c, long d) {
        this.a = a;
        this.b = b;
        this.c = c;
        this.d = d;
    }

    static TokenDigest of(String token) {
        ByteBuffer digest = ByteBuffer.wrap(newDigest().digest(token.getBytes(StandardCharsets.UTF_8)));
        return new TokenDigest(digest.getLong(), digest.getLong(), digest.getLong(), digest.getLong());
    }

    /** Cloning the prototype skips the provider lookup of {@code getInstance}. */
    private static MessageDigest newDigest() {
        try {
            return (MessageDigest) PROTOTYPE.clone();
        } catch (CloneNotSupportedException e) {
            try {
                return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException impossible) {
                throw new IllegalStateException(impossible);
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TokenDigest t && a == t.a && b == t.b && c == t.c && d == t.d;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(a);
    }

    @Override
    public String toString() {
        return "TokenDigest[" + Long.toHexString(a) + "…]";
    }
}
