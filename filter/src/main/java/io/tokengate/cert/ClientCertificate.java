package io.tokengate.cert;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * The certificate a client presented, as read once per request by {@link ClientCertificateResolver}:
 * the leaf first, then whatever intermediates came with it. A leaf forwarded by a proxy without its
 * chain has a chain of length one; that says nothing about whether it is self-signed.
 *
 * @param chain  leaf first; never empty
 * @param source where the certificate came from
 */
public record ClientCertificate(List<X509Certificate> chain, Source source) {

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
    }

    public X509Certificate leaf() {
        return chain.get(0);
    }

    /** The RFC 8705 §3.1 {@code x5t#S256} thumbprint of the leaf. */
    public String thumbprint() {
        return Thumbprints.x5tS256(leaf());
    }

    /** A short, safe name for logs and error descriptions: subject and serial, never key material. */
    public String describe() {
        return Certificates.describe(leaf());
    }
}
