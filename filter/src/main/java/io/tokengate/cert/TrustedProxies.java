package io.tokengate.cert;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The addresses whose RFC 9440 {@code Client-Cert} headers are believed: single addresses or CIDR
 * ranges, IPv4 or IPv6, written as literals (never resolved through DNS). Immutable.
 */
public final class TrustedProxies {
    private static final TrustedProxies NONE = new TrustedProxies(List.of());
    private static final Pattern IPV4_DOTTED_QUAD = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final List<Range> ranges;

    private TrustedProxies(List<Range> ranges) {
        this.ranges = List.copyOf(ranges);
    }

    public static TrustedProxies none() {
        return NONE;
    }

    /**
     * @param specs addresses or CIDR ranges such as {@code 127.0.0.1}, {@code 10.0.0.0/8}, {@code ::1/128}
     * @throws IllegalArgumentException naming the entry that is not an address literal or range
     */
    public static TrustedProxies of(List<String> specs) {
        return new TrustedProxies(specs.stream().map(String::trim).filter(s -> !s.isEmpty()).map(Range::parse).toList());
    }

    public boolean isEmpty() {
        return ranges.isEmpty();
    }

    /** Whether the peer address (as {@code getRemoteAddr()} gives it) is a trusted proxy. */
    public boolean contains(String remoteAddress) {
        if (ranges.isEmpty() || remoteAddress == null || !isLiteral(remoteAddress)) {
            return false;
        }
        try {
            byte[] address = InetAddress.getByName(strip(remoteAddress)).getAddress();
            return ranges.stream().anyMatch(r -> r.contains(address));
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static String strip(String s) {
        return s.startsWith("[") && s.endsWith("]") ? s.substring(1, s.length() - 1) : s;
    }

    /** An IPv6 literal or an IPv4 dotted quad: forms that never reach DNS and never default to loopback. */
    private static boolean isLiteral(String s) {
        String v = strip(s);
        if (v.indexOf(':') >= 0) {
            return v.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == '.' || c == ':' || c == '%');
        }
        return IPV4_DOTTED_QUAD.matcher(v).matches();
    }

    private record Range(byte[] network, int prefix) {
        static Range parse(String spec) {
            int slash = spec.indexOf('/');
            String host = slash < 0 ? spec : spec.substring(0, slash);
            if (!isLiteral(host)) {
                throw new IllegalArgumentException("trusted proxy '" + spec + "' is not an IP address or CIDR range");
            }
            try {
                byte[] network = InetAddress.getByName(strip(host)).getAddress();
                int prefix = slash < 0 ? network.length * 8 : Integer.parseInt(spec.substring(slash + 1));
                if (prefix < 0 || prefix > network.length * 8) {
                    throw new IllegalArgumentException("trusted proxy '" + spec + "' has an invalid prefix length");
                }
                return new Range(network, prefix);
            } catch (UnknownHostException | NumberFormatException e) {
                throw new IllegalArgumentException("trusted proxy '" + spec + "' is not an IP address or CIDR range", e);
            }
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (address[full] & mask) == (network[full] & mask);
        }
    }
}
