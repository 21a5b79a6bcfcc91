package io.tokengate.demo.sidecar;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The request headers the sidecars use to pass identity, and their encoding. The ingress sidecar
 * sets {@link #SUBJECT} (the token's {@code sub}), {@link #CLIENT_ID} ({@code client_id}) and
 * {@link #SCOPE} (the granted scopes, space-separated) on every request it forwards, after removing
 * every header whose name starts with {@link #PREFIX} that the client sent, so an upstream may trust
 * them; the egress sidecar reads {@link #SUBJECT} from the local application (the user to obtain a
 * token for) and removes all of them before the call leaves. Values are UTF-8, percent-encoded
 * (RFC 3986 §2.1) for every byte outside visible ASCII and for {@code %} itself, so no value can
 * break a header line; {@code alice} travels as {@code alice}.
 */
public final class IdentityHeaders {
    /** Every header of the sidecars starts with this; case-insensitive like all header names. */
    public static final String PREFIX = "Tokengate-";
    public static final String SUBJECT = "Tokengate-Subject";
    public static final String CLIENT_ID = "Tokengate-Client-Id";
    public static final String SCOPE = "Tokengate-Scope";
    /** Request headers that carry credentials or certificates from the client and never pass a sidecar. */
    static final Set<String> CREDENTIAL_HEADERS = Set.of("authorization", "client-cert", "client-cert-chain");

    private IdentityHeaders() {
    }

    /** Whether {@code name} is one of the sidecars' identity headers (any header starting with {@link #PREFIX}). */
    public static boolean isIdentityHeader(String name) {
        return name.regionMatches(true, 0, PREFIX, 0, PREFIX.length());
    }

    /** Whether {@code name} carries a credential or client certificate ({@code Authorization}, RFC 9440 {@code Client-Cert*}). */
    static boolean isCredentialHeader(String name) {
        return CREDENTIAL_HEADERS.contains(name.toLowerCase(Locale.ROOT));
    }

    public static String encode(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(bytes.length);
        for (byte b : bytes) {
            int c = b & 0xff;
            if (c > 0x20 && c < 0x7f && c != '%') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    /**
     * The value {@link #encode} encoded, or empty when {@code header} is null, blank or not such an
     * encoding (a stray {@code %}, a byte outside visible ASCII, invalid UTF-8).
     */
    public static Optional<String> decode(String header) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(header.length());
        for (int i = 0; i < header.length(); i++) {
            char c = header.charAt(i);
            if (c == '%') {
                int hi = i + 2 < header.length() ? Character.digit(header.charAt(i + 1), 16) : -1;
                int lo = hi >= 0 ? Character.digit(header.charAt(i + 2), 16) : -1;
                if (lo < 0) {
                    return Optional.empty();
                }
                out.write(hi << 4 | lo);
                i += 2;
            } else if (c > 0x20 && c < 0x7f) {
                out.write(c);
            } else {
                return Optional.empty();
            }
        }
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(out.toByteArray()))
                    .toString());
        } catch (java.nio.charset.CharacterCodingException e) {
            return Optional.empty();
        }
    }
}
