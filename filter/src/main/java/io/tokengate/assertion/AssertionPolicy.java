package io.tokengate.assertion;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * The server-wide rules for assertions (RFC 7521 §5.2, RFC 7523 §3): which audiences name this
 * server (its issuer identifier and its token endpoint URL; real clients send either), how far
 * ahead an assertion may expire, and the clock skew allowed. Immutable.
 */
public record AssertionPolicy(Set<String> audiences, Duration maxLifetime, Duration skew) {
    public AssertionPolicy {
        audiences = Set.copyOf(audiences);
        Objects.requireNonNull(maxLifetime, "maxLifetime");
        Objects.requireNonNull(skew, "skew");
        if (audiences.isEmpty()) {
            throw new IllegalArgumentException("an assertion policy needs at least one audience");
        }
    }
}
