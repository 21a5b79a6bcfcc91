package io.tokengate.assertion;

import java.time.Instant;
import java.util.Objects;

/**
 * A user assertion whose signature and conditions have been verified (RFC 7521 §5.2): who issued
 * it, whom it is about, its identifier (for single use) and when it stops being valid. Immutable.
 *
 * @param issuer    the trusted issuer that signed it
 * @param subject   the subject it is about (SAML NameID, JWT {@code sub})
 * @param id        the SAML assertion ID or JWT {@code jti}, recorded as used after validation
 * @param expiresAt when it expires; its ID must stay recorded until then
 */
public record VerifiedAssertion(String issuer, String subject, String id, Instant expiresAt) {
    public VerifiedAssertion {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
