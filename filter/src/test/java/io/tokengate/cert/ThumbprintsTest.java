package io.tokengate.cert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tokengate.testing.IssuedCertificate;
import io.tokengate.testing.TestCertificates;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class ThumbprintsTest {
    private final TestCertificates pki = TestCertificates.create();

    @Test
    void x5tS256WhenCertificateThenBase64UrlOfSha256OfDerWithoutPadding() throws Exception {
        IssuedCertificate leaf = pki.clientIssuedByIntermediate("CN=orders-service");
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(leaf.certificate().getEncoded());

        String thumbprint = Thumbprints.x5tS256(leaf.certificate());

        assertEquals(Base64.getUrlEncoder().withoutPadding().encodeToString(digest), thumbprint);
        assertEquals(43, thumbprint.length());
    }

    @Test
    void x5tS256WhenSameSubjectOtherKeyThenDifferentThumbprint() {
        assertNotEquals(Thumbprints.x5tS256(pki.selfSigned("CN=a").certificate()),
                Thumbprints.x5tS256(pki.selfSigned("CN=a").certificate()));
    }

    @Test
    void thumbprintWhenClientCertificateWithChainThenLeafOnly() {
        IssuedCertificate leaf = pki.clientIssuedByIntermediate("CN=orders-service");
        ClientCertificate presented = new ClientCertificate(leaf.chain(), ClientCertificate.Source.TLS_HANDSHAKE);

        assertEquals(Thumbprints.x5tS256(leaf.certificate()), presented.thumbprint());
    }

    @Test
    void clientCertificateWhenChainEmptyThenRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new ClientCertificate(List.of(), ClientCertificate.Source.TLS_HANDSHAKE));
    }
}
