package io.tokengate.cert.validation;

import java.net.URI;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How the certificates issued under one trust anchor are checked for revocation. Immutable; make
 * one with {@link #builder()}.
 *
 * @param methods            which of OCSP and CRL, in the order they are tried; empty for no check
 * @param failOpen           whether a certificate is accepted when no responder or CRL could be
 *                           reached (default {@code false}: refused). A forged, stale or
 *                           mis-signed answer is never "unreachable": it always refuses
 * @param timeout            connect and read timeout of each OCSP or CRL fetch
 * @param ocspResponder      responder to ask instead of the one in the certificate's AIA extension
 * @param trustedResponders  trusted partner certificates: OCSP responses they sign are believed
 *                           besides those of the issuing CA and of responders it delegated to
 *                           (RFC 6960 §4.2.2.2)
 * @param crlFile            a CRL file to read instead of the certificate's distribution point
 * @param maxResponseAge     how old an OCSP response without {@code nextUpdate} may be
 */
public record RevocationPolicy(List<RevocationMethod> methods, boolean failOpen, Duration timeout,
        Optional<URI> ocspResponder, List<X509Certificate> trustedResponders, Optional<Path> crlFile,
        Duration maxResponseAge) {

    public RevocationPolicy {
        methods = List.copyOf(methods);
        if (methods.stream().distinct().count() != methods.size()) {
            throw new IllegalArgumentException("revocation methods must not repeat, were " + methods);
        }
        if (timeout.compareTo(Duration.ofMillis(100)) < 0 || timeout.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new IllegalArgumentException("revocation timeout must be between 100 ms and 1 minute, was " + timeout);
        }
        Objects.requireNonNull(ocspResponder, "ocspResponder");
        ocspResponder.ifPresent(u -> {
            if (!"http".equals(u.getScheme()) && !"https".equals(u.getScheme()) || u.getHost() == null) {
                throw new IllegalArgumentException("OCSP responder must be an http or https URL, was '" + u + "'");
            }
        });
        trustedResponders = List.copyOf(trustedResponders);
        Objects.requireNonNull(crlFile, "crlFile");
        if (maxResponseAge.isNegative() || maxResponseAge.isZero()) {
            throw new IllegalArgumentException("maximum OCSP response age must be positive, was " + maxResponseAge);
        }
    }

    /** OCSP then CRL, failing closed, 5 s timeout, responses without nextUpdate up to an hour old. */
    public static RevocationPolicy defaults() {
        return builder().build();
    }

    /** No revocation check at all. */
    public static RevocationPolicy none() {
        return builder().methods(List.of()).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = builder().methods(methods).failOpen(failOpen).timeout(timeout).maxResponseAge(maxResponseAge)
                .trustedResponders(trustedResponders);
        ocspResponder.ifPresent(b::ocspResponder);
        crlFile.ifPresent(b::crlFile);
        return b;
    }

    /** Collects the options; {@link #build()} validates them. */
    public static final class Builder {
        private List<RevocationMethod> methods = List.of(RevocationMethod.OCSP, RevocationMethod.CRL);
        private boolean failOpen;
        private Duration timeout = Duration.ofSeconds(5);
        private URI ocspResponder;
        private final List<X509Certificate> trustedResponders = new ArrayList<>();
        private Path crlFile;
        private Duration maxResponseAge = Duration.ofHours(1);

        private Builder() {
        }

        public Builder methods(List<RevocationMethod> v) {
            methods = List.copyOf(v);
            return this;
        }

        public Builder failOpen(boolean v) {
            failOpen = v;
            return this;
        }

        public Builder timeout(Duration v) {
            timeout = Objects.requireNonNull(v, "timeout");
            return this;
        }

        public Builder ocspResponder(URI v) {
            ocspResponder = v;
            return this;
        }

        public Builder trustedResponders(List<X509Certificate> v) {
            trustedResponders.clear();
            trustedResponders.addAll(v);
            return this;
        }

        public Builder trustedResponder(X509Certificate v) {
            trustedResponders.add(Objects.requireNonNull(v, "trustedResponder"));
            return this;
        }

        public Builder crlFile(Path v) {
            crlFile = v;
            return this;
        }

        public Builder maxResponseAge(Duration v) {
            maxResponseAge = Objects.requireNonNull(v, "maxResponseAge");
            return this;
        }

        public RevocationPolicy build() {
            return new RevocationPolicy(methods, failOpen, timeout, Optional.ofNullable(ocspResponder),
                    trustedResponders, Optional.ofNullable(crlFile), maxResponseAge);
        }
    }
}
