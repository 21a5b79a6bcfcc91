package io.tokengate.cert;

import io.tokengate.error.OAuth2Exception;
import jakarta.servlet.http.HttpServletRequest;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that reads a client certificate from a request (STYLE practice 11).
 *
 * <p>From a configured trusted proxy, only the RFC 9440 {@code Client-Cert} and
 * {@code Client-Cert-Chain} headers count: the proxy's own TLS certificate is not the client's.
 * From anyone else, only the container's TLS session counts
 * ({@code jakarta.servlet.request.X509Certificate}); {@code Client-Cert} headers are ignored and
 * logged, because believing them would let any caller claim any certificate (CVE-2024-10039).
 */
public final class ClientCertificateResolver {
    /** The servlet request attribute where containers put the TLS peer's certificate chain. */
    public static final String SERVLET_ATTRIBUTE = "jakarta.servlet.request.X509Certificate";
    public static final String CLIENT_CERT_HEADER = "Client-Cert";
    public static final String CLIENT_CERT_CHAIN_HEADER = "Client-Cert-Chain";

    private static final Logger LOG = LoggerFactory.getLogger(ClientCertificateResolver.class);

    private final TrustedProxies trustedProxies;
    private final Function<X509Certificate, String> handshakeThumbprints;

    public ClientCertificateResolver(TrustedProxies trustedProxies) {
        this(trustedProxies, Thumbprints::x5tS256);
    }

    /**
     * @param handshakeThumbprints gives the {@code x5t#S256} of a leaf from the container's TLS session;
     *        containers hand out the same certificate objects for every request of a TLS session, so a
     *        caller may remember thumbprints per object. Certificates from proxy headers are parsed anew
     *        for each request and always get {@link Thumbprints#x5tS256}.
     */
    public ClientCertificateResolver(TrustedProxies trustedProxies, Function<X509Certificate, String> handshakeThumbprints) {
        this.trustedProxies = trustedProxies;
        this.handshakeThumbprints = handshakeThumbprints;
    }

    /**
     * @return the presented certificate, or empty when none was presented
     * @throws OAuth2Exception {@code invalid_request} when a trusted proxy sent a malformed header
     */
    public Optional<ClientCertificate> resolve(HttpServletRequest request) {
        String header = request.getHeader(CLIENT_CERT_HEADER);
        if (trustedProxies.contains(request.getRemoteAddr())) {
            if (header == null) {
                return Optional.empty();
            }
            List<X509Certificate> chain = new ArrayList<>();
            chain.add(parseHeaderCertificate(header));
            java.util.Enumeration<String> chainHeaders = request.getHeaders(CLIENT_CERT_CHAIN_HEADER);
            for (String value : chainHeaders == null ? List.<String>of() : Collections.list(chainHeaders)) {
                for (String member : value.split(",")) {
                    if (!member.isBlank()) {
                        chain.add(parseHeaderCertificate(member));
                    }
                }
            }
            return Optional.of(new ClientCertificate(chain, ClientCertificate.Source.TRUSTED_PROXY_HEADER));
        }
        if (header != null || request.getHeader(CLIENT_CERT_CHAIN_HEADER) != null) {
            LOG.warn("Ignored a {} header from {}: that address is not a configured trusted proxy",
                    CLIENT_CERT_HEADER, request.getRemoteAddr());
        }
        Object attribute = request.getAttribute(SERVLET_ATTRIBUTE);
        if (attribute instanceof X509Certificate[] certificates && certificates.length > 0) {
            return Optional.of(new ClientCertificate(List.of(certificates), ClientCertificate.Source.TLS_HANDSHAKE,
                    handshakeThumbprints.apply(certificates[0])));
        }
        return Optional.empty();
    }

    private static X509Certificate parseHeaderCertificate(String value) {
        byte[] der = decodeByteSequence(value);
        try {
            return Certificates.parseOne(der);
        } catch (IllegalArgumentException e) {
            throw OAuth2Exception.invalidRequest("the certificate in the " + CLIENT_CERT_HEADER
                    + " header from the trusted proxy is not a DER-encoded X.509 certificate");
        }
    }

    /** An RFC 8941 §3.3.5 byte sequence: base64 between colons, optional parameters after it. */
    private static byte[] decodeByteSequence(String value) {
        String v = value.trim();
        int semicolon = v.indexOf(';');
        if (semicolon >= 0) {
            v = v.substring(0, semicolon).trim();
        }
        if (v.length() < 2 || v.charAt(0) != ':' || v.charAt(v.length() - 1) != ':') {
            throw OAuth2Exception.invalidRequest("the " + CLIENT_CERT_HEADER
                    + " header from the trusted proxy is not an RFC 9440 byte sequence (:base64:)");
        }
        try {
            return Base64.getDecoder().decode(v.substring(1, v.length() - 1));
        } catch (IllegalArgumentException e) {
            throw OAuth2Exception.invalidRequest("the " + CLIENT_CERT_HEADER
                    + " header from the trusted proxy is not valid base64");
        }
    }
}
