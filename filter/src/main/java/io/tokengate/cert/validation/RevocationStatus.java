package io.tokengate.cert.validation;

import java.time.Instant;
import java.util.Optional;

/**
 * What one revocation method found out about one certificate.
 *
 * @param state      the finding
 * @param detail     for anything but {@link State#GOOD}: why, naming the source
 * @param goodUntil  for {@link State#GOOD}: until when the answer may be reused (its {@code nextUpdate})
 */
record RevocationStatus(State state, String detail, Optional<Instant> goodUntil) {
    enum State {
        GOOD, REVOKED,
        /** The responder does not know the certificate. */
        UNKNOWN,
        /** The source could not be reached or answered "try later". */
        UNREACHABLE,
        /** An answer that must not be believed. */
        INVALID,
        /** Neither the certificate nor the policy names a source for this method. */
        NO_SOURCE
    }

    static RevocationStatus good(Instant until) {
        return new RevocationStatus(State.GOOD, "good", Optional.of(until));
    }

    static RevocationStatus of(State state, String detail) {
        return new RevocationStatus(state, detail, Optional.empty());
    }
}
