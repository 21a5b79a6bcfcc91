package io.tokengate.cert.validation;

import java.util.Objects;

/**
 * Why a client certificate was refused. The message names the certificate by subject and serial
 * (never its key) and says what is wrong, so it can be logged and sent as an
 * {@code error_description} as it is.
 */
public final class CertificateValidationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The kinds of refusal, for callers and tests that must tell them apart. */
    public enum Reason {
        EXPIRED, NOT_YET_VALID, UNKNOWN_ISSUER, INVALID_PATH, KEY_USAGE,
        REVOKED,
        /** The responder does not know the certificate (RFC 6960 §2.2 "unknown"). */
        REVOCATION_UNKNOWN,
        /** No usable revocation answer: responder or CRL unreachable while the policy fails closed. */
        REVOCATION_UNAVAILABLE,
        /** A revocation answer that must not be believed: bad signature, stale, wrong nonce, expired CRL. */
        REVOCATION_INVALID
    }

    private final Reason reason;

    public CertificateValidationException(Reason reason, String message) {
        super(Objects.requireNonNull(message, "message"), null, false, false);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }
}
