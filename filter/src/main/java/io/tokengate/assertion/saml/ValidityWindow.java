package io.tokengate.assertion.saml;

import java.time.Duration;
import java.time.Instant;

/**
 * "Now" as seen by the validator, with the allowed clock skew applied in the lenient direction
 * at both ends: a NotBefore up to {@code skew} in the future and a NotOnOrAfter up to
 * {@code skew} in the past are still accepted (SAML core §2.5.1.2, RFC 7522 §3 item 6).
 */
record ValidityWindow(Instant now, Duration skew) {

    /** Whether a {@code NotBefore} instant is still ahead of us, even allowing for skew. */
    boolean notYetValid(Instant notBefore) {
        return notBefore != null && notBefore.isAfter(now.plus(skew));
    }

    /** Whether a {@code NotOnOrAfter} instant has passed, even allowing for skew. */
    boolean expired(Instant notOnOrAfter) {
        return notOnOrAfter != null && !notOnOrAfter.isAfter(now.minus(skew));
    }
}
