package io.tokengate.cert.validation;

import io.tokengate.cert.Certificates;
import io.tokengate.cert.validation.CertificateValidationException.Reason;
import io.tokengate.cert.validation.PathValidation.ValidPath;
import io.tokengate.cert.validation.RevocationStatus.State;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the trust anchor's {@link RevocationPolicy} to the leaf of a validated path: each
 * method in order until one answers good or revoked. When none does, a forged, stale or
 * mis-signed answer refuses; an "unknown" answer refuses; unreachable sources refuse unless the
 * policy fails open; and a certificate that names no source for any configured method (nor does
 * the policy) is accepted, as there is nothing to ask. Only the leaf is checked, not the
 * intermediates. Thread-safe.
 */
final class RevocationChecker {
    /** The outcome for an accepted certificate: how long it may be reused, and whether it failed open. */
    record Accepted(Optional<Instant> goodUntil, boolean failedOpen) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(RevocationChecker.class);

    private final OcspChecker ocsp;
    private final CrlChecker crl;

    RevocationChecker(OcspChecker ocsp, CrlChecker crl) {
        this.ocsp = ocsp;
        this.crl = crl;
    }

    /** @throws CertificateValidationException when the certificate is revoked or its status cannot be trusted */
    Accepted check(ValidPath path, Instant now, Duration skew) {
        RevocationPolicy policy = path.anchor().revocation();
        String who = "client certificate " + Certificates.describe(path.leaf());
        List<RevocationStatus> findings = new ArrayList<>();
        for (RevocationMethod method : policy.methods()) {
            RevocationStatus status = method == RevocationMethod.OCSP ? ocsp.check(path, policy, now, skew)
                    : crl.check(path, policy, now, skew);
            switch (status.state()) {
                case GOOD:
                    return new Accepted(status.goodUntil(), false);
                case REVOKED:
                    throw new CertificateValidationException(Reason.REVOKED, who + " is " + status.detail());
                default:
                    findings.add(status);
            }
        }
        Optional<RevocationStatus> invalid = first(findings, State.INVALID);
        if (invalid.isPresent()) {
            throw new CertificateValidationException(Reason.REVOCATION_INVALID, "the revocation status of " + who
                    + " cannot be trusted: " + invalid.get().detail());
        }
        Optional<RevocationStatus> unknown = first(findings, State.UNKNOWN);
        if (unknown.isPresent()) {
            throw new CertificateValidationException(Reason.REVOCATION_UNKNOWN, who + " is " + unknown.get().detail()
                    + "; its revocation status is unknown");
        }
        Optional<RevocationStatus> unreachable = first(findings, State.UNREACHABLE);
        if (unreachable.isPresent()) {
            if (policy.failOpen()) {
                LOG.warn("Accepted {} without a revocation check because the policy fails open: {}", who,
                        unreachable.get().detail());
                return new Accepted(Optional.empty(), true);
            }
            throw new CertificateValidationException(Reason.REVOCATION_UNAVAILABLE, "the revocation status of " + who
                    + " could not be checked: " + unreachable.get().detail() + "; the server fails closed");
        }
        return new Accepted(Optional.empty(), false);
    }

    private static Optional<RevocationStatus> first(List<RevocationStatus> findings, State state) {
        return findings.stream().filter(s -> s.state() == state).findFirst();
    }
}
