package io.tokengate.cert;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TrustedProxiesTest {

    @Test
    void containsWhenExactAddressConfiguredThenTrue() {
        TrustedProxies proxies = TrustedProxies.of(List.of("10.0.0.5"));

        assertTrue(proxies.contains("10.0.0.5"));
        assertFalse(proxies.contains("10.0.0.6"));
    }

    @Test
    void containsWhenAddressInCidrRangeThenTrue() {
        TrustedProxies proxies = TrustedProxies.of(List.of("10.0.0.0/8"));

        assertTrue(proxies.contains("10.0.0.1"));
        assertTrue(proxies.contains("10.255.255.255"));
    }

    @Test
    void containsWhenAddressOutsideCidrRangeThenFalse() {
        TrustedProxies proxies = TrustedProxies.of(List.of("10.0.0.0/8"));

        assertFalse(proxies.contains("11.0.0.1"));
        assertFalse(proxies.contains("9.255.255.255"));
    }

    @Test
    void containsWhenPrefixNotOnByteBoundaryThenOnlyMaskedBitsCompared() {
        TrustedProxies proxies = TrustedProxies.of(List.of("192.168.16.0/20"));

        assertTrue(proxies.contains("192.168.16.0"));
        assertTrue(proxies.contains("192.168.31.255"));
        assertFalse(proxies.contains("192.168.32.0"));
        assertFalse(proxies.contains("192.168.15.255"));
    }

    @Test
    void containsWhenIpv6RangeThenMatchesAddressesInIt() {
        TrustedProxies proxies = TrustedProxies.of(List.of("2001:db8::/32", "::1"));

        assertTrue(proxies.contains("2001:db8:1:2::3"));
        assertTrue(proxies.contains("0:0:0:0:0:0:0:1"));
        assertTrue(proxies.contains("[::1]"));
        assertFalse(proxies.contains("2001:db9::1"));
    }

    @Test
    void containsWhenIpv4AddressAndOnlyIpv6RangesThenFalse() {
        assertFalse(TrustedProxies.of(List.of("::/0")).contains("10.0.0.1"));
    }

    @Test
    void containsWhenSeveralEntriesThenAnyMatches() {
        TrustedProxies proxies = TrustedProxies.of(List.of("127.0.0.1", " 172.16.0.0/12 "));

        assertTrue(proxies.contains("127.0.0.1"));
        assertTrue(proxies.contains("172.20.1.1"));
        assertFalse(proxies.contains("172.32.0.1"));
    }

    @Test
    void containsWhenNoneThenFalse() {
        assertFalse(TrustedProxies.none().contains("127.0.0.1"));
        assertTrue(TrustedProxies.none().isEmpty());
    }

    @Test
    void containsWhenRemoteAddressNullThenFalse() {
        assertFalse(TrustedProxies.of(List.of("0.0.0.0/0")).contains(null));
    }

    @Test
    void containsWhenRemoteAddressIsHostNameThenFalse() {
        assertFalse(TrustedProxies.of(List.of("127.0.0.0/8")).contains("localhost"));
    }

    @Test
    void ofWhenOnlyBlankEntriesThenEmpty() {
        assertTrue(TrustedProxies.of(List.of("", "  ")).isEmpty());
    }

    @Test
    void ofWhenEntryIsHostNameThenRefusedNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrustedProxies.of(List.of("10.0.0.1", "proxy.example.test")));

        assertTrue(e.getMessage().contains("'proxy.example.test'"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0/33", "::/129", "10.0.0.0/-1"})
    void ofWhenPrefixLongerThanAddressThenRefused(String spec) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrustedProxies.of(List.of(spec)));

        assertTrue(e.getMessage().contains(spec), e.getMessage());
    }

    @Test
    void ofWhenPrefixNotNumberThenRefused() {
        assertThrows(IllegalArgumentException.class, () -> TrustedProxies.of(List.of("10.0.0.0/eight")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/0", "/8", "[]/0", "[]"})
    void ofWhenAddressMissingThenRefused(String spec) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrustedProxies.of(List.of(spec)));

        assertTrue(e.getMessage().contains("'" + spec + "'"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"cafe", "dead.beef", "10", "10.1", "10.0.0.1.5"})
    void ofWhenEntryNotDottedQuadOrIpv6LiteralThenRefused(String spec) {
        assertThrows(IllegalArgumentException.class, () -> TrustedProxies.of(List.of(spec)));
    }
}
