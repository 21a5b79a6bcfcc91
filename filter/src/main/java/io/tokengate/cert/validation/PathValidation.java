package io.tokengate.cert.validation;

import io.tokengate.cert.Certificates;
import io.tokengate.cert.validation.CertificateValidationException.Reason;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertStore;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.PKIXCertPathBuilderResult;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.security.auth.x500.X500Principal;

/**
 * RFC 5280 §6 path building and validation with the JDK's PKIX {@link CertPathBuilder}: from the
 * leaf through the presented and configured intermediates to a configured trust anchor, revocation
 * left to {@link RevocationChecker}. Immutable and thread-safe.
 */
final class PathValidation {
    /** A validated path: the leaf, the CA that issued it, and the anchor it chains to with its policy. */
    record ValidPath(X509Certificate leaf, X509Certificate issuer, TrustAnchorPolicy anchor) {
    }

    private final Set<TrustAnchor> anchors;
    private final Map<X509Certificate, TrustAnchorPolicy> policies = new HashMap<>();
    private final List<X509Certificate> intermediates;
    private final Set<X500Principal> knownIssuers = new HashSet<>();

    PathValidation(CertificateValidationSettings settings) {
        Set<TrustAnchor> a = new HashSet<>();
        for (TrustAnchorPolicy p : settings.anchors()) {
            a.add(new TrustAnchor(p.anchor(), null));
            policies.put(p.anchor(), p);
            knownIssuers.add(p.anchor().getSubjectX500Principal());
        }
        this.anchors = Set.copyOf(a);
        this.intermediates = settings.intermediates();
        intermediates.forEach(c -> knownIssuers.add(c.getSubjectX500Principal()));
    }

    boolean hasAnchors() {
        return !anchors.isEmpty();
    }

    /**
     * @return the path, or empty when {@code required} is false and the leaf is self-signed, or its
     *         issuer is not a configured CA and no path to an anchor can be built from what was
     *         presented (a pinned certificate is then trusted by its pin alone)
     * @throws CertificateValidationException when no path to a trust anchor validates
     */
    Optional<ValidPath> validate(List<X509Certificate> chain, Instant now, boolean required) {
        X509Certificate leaf = chain.get(0);
        X500Principal issuer = leaf.getIssuerX500Principal();
        boolean presentedIssuer = chain.stream().skip(1).anyMatch(c -> c.getSubjectX500Principal().equals(issuer));
        boolean configuredIssuer = knownIssuers.contains(issuer);
        if (!required && (issuer.equals(leaf.getSubjectX500Principal()) || !configuredIssuer && !presentedIssuer)) {
            return Optional.empty();
        }
        if (anchors.isEmpty()) {
            throw new CertificateValidationException(Reason.UNKNOWN_ISSUER, "client certificate "
                    + Certificates.describe(leaf) + " must chain to a trusted CA, but the server has no trusted CA"
                    + " configured (trust-anchors-file)");
        }
        if (!configuredIssuer && !presentedIssuer) {
            throw new CertificateValidationException(Reason.UNKNOWN_ISSUER, "client certificate "
                    + Certificates.describe(leaf) + " does not chain to a trusted CA: its issuer '" + issuer.getName()
                    + "' is unknown to this server");
        }
        try {
            return Optional.of(build(chain, now));
        } catch (CertificateValidationException e) {
            if (!required && !configuredIssuer) {
                return Optional.empty(); // pinned, presented with a chain to a CA this server does not know
            }
            throw e;
        }
    }

    private ValidPath build(List<X509Certificate> chain, Instant now) {
        X509Certificate leaf = chain.get(0);
        List<X509Certificate> pool = new ArrayList<>(intermediates);
        chain.stream().skip(1).filter(c -> !pool.contains(c)).forEach(pool::add);
        try {
            X509CertSelector target = new X509CertSelector();
            target.setCertificate(leaf);
            PKIXBuilderParameters parameters = new PKIXBuilderParameters(anchors, target);
            parameters.setRevocationEnabled(false);
            parameters.setDate(Date.from(clamp(now, leaf)));
            parameters.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(pool)));
            PKIXCertPathBuilderResult result = (PKIXCertPathBuilderResult) CertPathBuilder.getInstance("PKIX")
                    .build(parameters);
            @SuppressWarnings("unchecked")
            List<X509Certificate> path = (List<X509Certificate>) result.getCertPath().getCertificates();
            X509Certificate anchor = result.getTrustAnchor().getTrustedCert();
            return new ValidPath(leaf, path.size() > 1 ? path.get(1) : anchor, policies.get(anchor));
        } catch (CertPathBuilderException e) {
            throw new CertificateValidationException(Reason.INVALID_PATH, "client certificate "
                    + Certificates.describe(leaf) + " does not chain to a trusted CA: " + reason(e));
        } catch (InvalidAlgorithmParameterException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("PKIX path building is not available", e);
        }
    }

    /** The leaf's own validity was already checked with skew; the path is checked at a time the leaf is valid. */
    private static Instant clamp(Instant now, X509Certificate leaf) {
        Instant from = leaf.getNotBefore().toInstant();
        Instant until = leaf.getNotAfter().toInstant();
        return now.isBefore(from) ? from : now.isAfter(until) ? until : now;
    }

    private static String reason(CertPathBuilderException e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() instanceof GeneralSecurityException) {
            t = t.getCause();
        }
        String message = t.getMessage() == null ? e.getMessage() : t.getMessage();
        return message == null ? "no valid certification path" : message;
    }
}
