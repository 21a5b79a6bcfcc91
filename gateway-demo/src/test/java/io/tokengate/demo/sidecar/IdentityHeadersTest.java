package io.tokengate.demo.sidecar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The identity headers' names and their percent-encoding, which no value can break out of. */
class IdentityHeadersTest {
    @Test
    void encodeWhenPlainAsciiNameThenUnchanged() {
        assertEquals("alice", IdentityHeaders.encode("alice"));
        assertEquals("https://app-b.tokengate.test/hello", IdentityHeaders.encode("https://app-b.tokengate.test/hello"));
    }

    @Test
    void encodeWhenSpaceControlPercentOrNonAsciiThenPercentEncodedUtf8() {
        assertEquals("Ren%C3%A9e%20O%25Hara%0D%0AX-Evil:%201", IdentityHeaders.encode("Renée O%Hara\r\nX-Evil: 1"));
    }

    @Test
    void decodeWhenEncodedThenOriginalBack() {
        String name = "Renée O%Hara\r\n\t☃";

        assertEquals(Optional.of(name), IdentityHeaders.decode(IdentityHeaders.encode(name)));
    }

    @Test
    void decodeWhenMalformedThenEmpty() {
        assertEquals(Optional.empty(), IdentityHeaders.decode("al%zzice"));
        assertEquals(Optional.empty(), IdentityHeaders.decode("alice%4"));
        assertEquals(Optional.empty(), IdentityHeaders.decode("two words"));
        assertEquals(Optional.empty(), IdentityHeaders.decode("%C3%28"));
        assertEquals(Optional.empty(), IdentityHeaders.decode(""));
        assertEquals(Optional.empty(), IdentityHeaders.decode(null));
    }

    @Test
    void isIdentityHeaderWhenAnyCaseOfThePrefixThenTrue() {
        assertTrue(IdentityHeaders.isIdentityHeader("tokengate-subject"));
        assertTrue(IdentityHeaders.isIdentityHeader("TOKENGATE-ANYTHING"));
        assertFalse(IdentityHeaders.isIdentityHeader("X-Tokengate-Subject"));
        assertFalse(IdentityHeaders.isIdentityHeader("Tokengate"));
    }

    @Test
    void isCredentialHeaderWhenAuthorizationOrClientCertThenTrue() {
        assertTrue(IdentityHeaders.isCredentialHeader("authorization"));
        assertTrue(IdentityHeaders.isCredentialHeader("Client-Cert"));
        assertTrue(IdentityHeaders.isCredentialHeader("CLIENT-CERT-CHAIN"));
        assertFalse(IdentityHeaders.isCredentialHeader("Accept"));
    }
}
