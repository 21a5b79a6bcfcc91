package io.tokengate.cert;

import static io.tokengate.testing.OAuth2Assertions.assertDescriptionContains;
import static io.tokengate.testing.OAuth2Assertions.assertOAuth2Error;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.tokengate.error.ErrorCode;
import io.tokengate.error.OAuth2Exception;
import io.tokengate.testing.IssuedCertificate;
import io.tokengate.testing.TestCertificates;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClientCertificateResolverTest {
    private static final String PROXY = "10.0.0.5";
    private static final String PROXY_IN_RANGE = "192.168.20.7";
    private static final String STRANGER = "203.0.113.7";

    private final TestCertificates pki = TestCertificates.create();
    private final IssuedCertificate client = pki.clientIssuedByIntermediate("CN=orders-service, O=Example");
    private final IssuedCertificate proxyOwn = pki.clientIssuedByIntermediate("CN=edge-proxy, O=Example");
    private final ClientCertificateResolver resolver = new ClientCertificateResolver(
            TrustedProxies.of(List.of(PROXY, "192.168.16.0/20")));

    @Test
    void resolveWhenContainerAttributeSetThenCertificateFromTlsHandshake() {
        HttpServletRequest request = request(STRANGER);
        when(request.getAttribute(ClientCertificateResolver.SERVLET_ATTRIBUTE)).thenReturn(client.chainArray());

        ClientCertificate resolved = resolver.resolve(request).orElseThrow();

        assertEquals(ClientCertificate.Source.TLS_HANDSHAKE, resolved.source());
        assertEquals(client.chain(), resolved.chain());
    }

    @Test
    void resolveWhenThumbprintFunctionGivenThenTlsHandshakeLeafAskedOnce() {
        List<X509Certificate> asked = new java.util.ArrayList<>();
        ClientCertificateResolver remembering = new ClientCertificateResolver(TrustedProxies.of(List.of(PROXY)), leaf -> {
            asked.add(leaf);
            return Thumbprints.x5tS256(leaf);
        });
        HttpServletRequest request = request(STRANGER);
        when(request.getAttribute(ClientCertificateResolver.SERVLET_ATTRIBUTE)).thenReturn(client.chainArray());

        ClientCertificate resolved = remembering.resolve(request).orElseThrow();

        assertEquals(List.of(client.certificate()), asked);
        assertEquals(client.thumbprint(), resolved.thumbprint());
    }

    @Test
    void resolveWhenThumbprintFunctionGivenThenProxyHeaderCertificateNotPassedToIt() {
        ClientCertificateResolver remembering = new ClientCertificateResolver(TrustedProxies.of(List.of(PROXY)), leaf -> {
            throw new AssertionError("a certificate parsed from a header is new on every request; do not remember it");
        });
        HttpServletRequest request = request(PROXY);
        when(request.getHeader(ClientCertificateResolver.CLIENT_CERT_HEADER)).thenReturn(byteSequence(client.certificate()));
        chainHeaders(request);

        ClientCertificate resolved = remembering.resolve(request).orElseThrow();

        assertEquals(client.thumbprint(), resolved.thumbprint());
    }

    @Test
    void resolveWhenNoCertificateThenEmpty() {
        assertEquals(Optional.empty(), resolver.resolve(request(STRANGER)));
    }

    @Test
    void resolveWhenContainerAttributeEmptyArrayThenEmpty() {
        HttpServletRequest request = request(STRANGER);
        when(request.getAttribute(ClientCertificateResolver.SERVLET_ATTRIBUTE)).thenReturn(new X509Certificate[0]);

        assertEquals(Optional.empty(), resolver.resolve(request));
    }

    @Test
    void resolveWhenTrustedProxySendsClientCertAndChainThenCertificateFromHeaders() {
        HttpServletRequest request = request(PROXY);
        when(request.getHeader(ClientCertificateResolver.CLIENT_CERT_HEADER)).thenReturn(byteSequence(client.certificate()));
        chainHeaders(request, byteSequence(pki.intermediate().certificate()));

        ClientCertificate resolved = resolver.resolve(request).orElseThrow();

        assertEquals(ClientCertificate.Source.TRUSTED_PROXY_HEADER, resolved.source());
        assertEquals(List.of(client.certificate(), pki.intermediate().certificate()), resolved.chain());
    }

    @Test
    void resolveWhenProxyInTrustedCidrRangeThenCertificateFromHeaders() {
        HttpServletRequest request = request(PROXY_IN_RANGE);
        when(request.getHeader(ClientCertificateResolver.CLIENT_CERT_HEADER)).thenReturn(byteSequence(client.certificate()));
        chainHeaders(request);

        ClientCertificate resolved = resolver.resolve(request).orElseThrow();

        assertEquals(ClientCertificate.Source.TRUSTED_PROXY_HEADER, resolved.source());
        assertEquals(client.certificate(), resolved.leaf());
    }

    @Test
    void resolveWhenChainIsListInOneFieldThenEveryMemberKeptInOrder() {
        HttpServletRequest request = request(PROXY);
        when(request.getHeader(ClientCertificateResolver.CLIENT_CERT_HEADER)).thenReturn(byteSequence(client.certificate()));
        chainHeaders(request, byteSequence(pki.intermediate().certificate()) + ", " + byteSequence(pki.root().certificate()));

        ClientCertificate resolved = resolver.resolve(request).orElseThrow();

        assertEquals(List.of(client.certificate(), pki.intermediate().certificate(), pki.root().certificate()),
                resolved.chain());
    }

    @Test
    void resolveWhenHeaderHasParametersThenParametersIgnored() {
        HttpServletRequest request = request(PROXY);
        when(request.getHeader(ClientCertificateResolver.CLIENT_CERT_HEADER))
                .thenReturn(byteSequence(client.certificate()) + ";foo=bar");
        chainHeaders(request);

        assertEquals(client.certificate(), resolver.resolve(request).orElseThrow().leaf());
    }

    @Test
    void resolveWhenTrustedProxyForwardsLeafWithoutChainThenChainOfOneThatPkixStillValidates() {
        IssuedCertificate issuedByAnchor = pki.clientIssuedByRoot("CN=billing, O=Example");
        HttpServletRequest request = request(PROXY);
        when(request.getHeader(ClientCertificateResolver.CLIENT_CERT_HEADER))
                .thenReturn(byteSequence(issuedByAnchor.certificate()));
        chainHeaders(request);

        ClientCertificate resolved = resolver.resolve(request).orElseThrow();

        assertEquals(1, resolved.chain().size());
        PkixValidator pkix = new PkixValidator(List.of(pki.root().certificate()));
        assertDoesNotThrow(() -> pkix.validate(resolved, pki.now(), "billing"));
    }

    @Test
    void resolveWhenUntrustedAddressSendsClientCertThenHeaderIgnored() {
        HttpServletRequest request = request(STRANGER);
        when(request.getHeader(ClientCertificateResolver.CLIENT_CERT_HEADER)).thenReturn(byteSequence(client.certificate()));
        when(request.getHeader(ClientCertificateResolver.CLIENT_CERT_CHAIN_HEADER))
                .thenReturn(byteSequence(pki.intermediate().certificate()));

        assertEquals(Optional.empty(), resolver.resolve(request));
    }

    @Test
    void resolveWhenUntrustedAddressSendsClientCertThenTlsCertificateUsed() {
        IssuedCertificate tlsPeer = pki.clientIssuedByIntermediate("CN=real-peer, O=Example");
        HttpServletRequest request = request(STRANGER);
        when(request.getHeader(ClientCertificateResolver.CLIENT_CERT_HEADER)).thenReturn(byteSequence(client.certificate()));
        when(request.getAttribute(ClientCertificateResolver.SERVLET_ATTRIBUTE)).thenReturn(tlsPeer.chainArray());

        ClientCertificate resolved = resolver.resolve(request).orElseThrow();

        assertEquals(ClientCertificate.Source.TLS_HANDSHAKE, resolved.source());
        assertEquals(tlsPeer.certificate(), resolved.leaf());
    }

    @Test
    void resolveWhenUntrustedAddressSendsMalformedClientCertThenHeaderIgnoredWithoutError() {
        HttpServletRequest request = request(STRANGER);
        when(request.getHeader(ClientCertificateResolver.CLIENT_CERT_HEADER)).thenReturn("not a certificate");

        assertEquals(Optional.empty(), resolver.resolve(request));
    }

    @Test
    void resolveWhenTrustedProxySendsNoClientCertThenProxyOwnTlsCertificateNotUsed() {
        HttpServletRequest request = request(PROXY);
        when(request.getAttribute(ClientCertificateResolver.SERVLET_ATTRIBUTE)).thenReturn(proxyOwn.chainArray());

        assertEquals(Optional.empty(), resolver.resolve(request));
    }

    @Test
    void resolveWhenTrustedProxySendsClientCertThenProxyOwnTlsCertificateIgnored() {
        HttpServletRequest request = request(PROXY);
        when(request.getAttribute(ClientCertificateResolver.SERVLET_ATTRIBUTE)).thenReturn(proxyOwn.chainArray());
        when(request.getHeader(ClientCertificateResolver.CLIENT_CERT_HEADER)).thenReturn(byteSequence(client.certificate()));
        chainHeaders(request);

        ClientCertificate resolved = resolver.resolve(request).orElseThrow();

        assertEquals(List.of(client.certificate()), resolved.chain());
    }

    @Test
    void resolveWhenTrustedProxyHeaderNotByteSequenceThenInvalidRequest() {
        HttpServletRequest request = request(PROXY);
        String bare = byteSequence(client.certificate()).replace(":", "");
        when(request.getHeader(ClientCertificateResolver.CLIENT_CERT_HEADER)).thenReturn(bare);
        chainHeaders(request);

        OAuth2Exception e = assertOAuth2Error(ErrorCode.INVALID_REQUEST, () -> resolver.resolve(request));

        assertDescriptionContains(e, "RFC 9440 byte sequence");
    }

    @Test
    void resolveWhenTrustedProxyHeaderNotBase64ThenInvalidRequest() {
        HttpServletRequest request = request(PROXY);
        when(request.getHeader(ClientCertificateResolver.CLIENT_CERT_HEADER)).thenReturn(":***not-base64***:");
        chainHeaders(request);

        OAuth2Exception e = assertOAuth2Error(ErrorCode.INVALID_REQUEST, () -> resolver.resolve(request));

        assertDescriptionContains(e, "not valid base64");
    }

    @Test
    void resolveWhenTrustedProxyHeaderNotCertificateThenInvalidRequest() {
        HttpServletRequest request = request(PROXY);
        String garbage = ":" + Base64.getEncoder().encodeToString("hello".getBytes(StandardCharsets.US_ASCII)) + ":";
        when(request.getHeader(ClientCertificateResolver.CLIENT_CERT_HEADER)).thenReturn(garbage);
        chainHeaders(request);

        OAuth2Exception e = assertOAuth2Error(ErrorCode.INVALID_REQUEST, () -> resolver.resolve(request));

        assertDescriptionContains(e, "not a DER-encoded X.509 certificate");
    }

    @Test
    void resolveWhenTrustedProxyHeaderIsPemThenInvalidRequest() {
        HttpServletRequest request = request(PROXY);
        when(request.getHeader(ClientCertificateResolver.CLIENT_CERT_HEADER))
                .thenReturn(TestCertificates.certificatePem(client.certificate()).replace("\n", " "));
        chainHeaders(request);

        assertOAuth2Error(ErrorCode.INVALID_REQUEST, () -> resolver.resolve(request));
    }

    @Test
    void resolveWhenTrustedProxyChainMemberMalformedThenInvalidRequest() {
        HttpServletRequest request = request(PROXY);
        when(request.getHeader(ClientCertificateResolver.CLIENT_CERT_HEADER)).thenReturn(byteSequence(client.certificate()));
        chainHeaders(request, byteSequence(pki.intermediate().certificate()) + ", :AAAA:");

        assertOAuth2Error(ErrorCode.INVALID_REQUEST, () -> resolver.resolve(request));
    }

    @Test
    void resolveWhenNoTrustedProxiesConfiguredThenHeaderNeverBelieved() {
        ClientCertificateResolver strict = new ClientCertificateResolver(TrustedProxies.none());
        HttpServletRequest request = request("127.0.0.1");
        when(request.getHeader(ClientCertificateResolver.CLIENT_CERT_HEADER)).thenReturn(byteSequence(client.certificate()));

        assertTrue(strict.resolve(request).isEmpty());
    }

    private static HttpServletRequest request(String remoteAddress) {
        HttpServletRequest request = mock(HttpServletRequest.class);
        when(request.getRemoteAddr()).thenReturn(remoteAddress);
        return request;
    }

    private static void chainHeaders(HttpServletRequest request, String... fieldLines) {
        when(request.getHeaders(ClientCertificateResolver.CLIENT_CERT_CHAIN_HEADER))
                .thenReturn(Collections.enumeration(List.of(fieldLines)));
    }

    /** RFC 8941 §3.3.5 byte sequence of the DER encoding, as RFC 9440 puts it in Client-Cert. */
    private static String byteSequence(X509Certificate certificate) {
        try {
            return ":" + Base64.getEncoder().encodeToString(certificate.getEncoded()) + ":";
        } catch (CertificateEncodingException e) {
            throw new AssertionError(e);
        }
    }
}
