package io.tokengate.cert.validation;

import java.security.cert.X509Certificate;
import java.util.Objects;

/**
 * A trust anchor (a CA certificate client certificates chain to) with the revocation policy for
 * the certificates issued under it.
 */
public record TrustAnchorPolicy(X509Certificate anchor, RevocationPolicy revocation) {
    public TrustAnchorPolicy {
        Objects.requireNonNull(anchor, "anchor");
        Objects.requireNonNull(revocation, "revocation");
    }
}
