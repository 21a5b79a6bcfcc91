package io.tokengate.cert;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * The certificate a client presented, as read once per request by {@link ClientCertificateResolver}:
 * the leaf first, then whatever intermediates came with it. A leaf forwarded by a proxy without its
 * chain has a chain of length one; that says nothing about whether it is self-signed.
 *
 * @param chain      leaf first; never empty
 * @param source     where the certificate came from
 * @param thumbprint the leaf's RFC 8705 §3.1 {@code x5t#S256}, computed once per request
 */
public record ClientCertificate(List<X509Certificate> chain, Source source, String thumbprint) {

    /** Where the certificate was read. */
    public enum Source {
        /** The servlet container's TLS session ({@code jakarta.servlet.request.X509Certificate}). */
        TLS_HANDSHAKE,
        /** The RFC 9440 {@code Client-Cert} header set by a configured trusted proxy. */
        TRUSTED_PROXY_HEADER
    }

    public ClientCertificate {
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("a client certificate chain needs at least the leaf");
        }
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(thumbprint, "thumbprint");
    }

    /** The presented chain; its leaf's thumbprint is computed here, once, for every check that compares it. */
    public ClientCertificate(List<X509Certificate> chain, Source source) {
        this(chain, source, chain.isEmpty() ? "" : Thumbprints.x5tS256(chain.get(0)));
    }

    public X509Certificate leaf() {
        return chain.get(0);
    }

    /** A short, safe name for logs and error descriptions: subject and serial, never key material. */
    public String describe() {
        return Certificates.describe(leaf());
    }
}
