package io.tokengate.http;

import io.tokengate.error.ErrorCode;
import io.tokengate.error.OAuth2Exception;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Reads an {@code application/x-www-form-urlencoded} request body (RFC 6749 Appendix B: UTF-8)
 * into parameters, with the refusals RFC 6749 §3.2 asks of the token endpoint: a body over the
 * configured size (413), a parameter that appears more than once and malformed percent-encoding
 * ({@code invalid_request}). Parameters without a value are treated as omitted (RFC 6749 §3.1).
 * The body is read directly, never through {@code getParameter}, so the query string cannot mix in.
 */
public final class FormParameters {
    /** The most of a refused body that is read and discarded before answering 413. */
    static final long SWALLOW_LIMIT = 2L * 1024 * 1024;
    private FormParameters() {
    }

    /**
     * @param maxBytes the largest body accepted
     * @return the parameters in the order sent; unmodifiable
     */
    public static Map<String, String> read(HttpServletRequest request, int maxBytes) throws IOException {
        return parse(new String(readBody(request, maxBytes), StandardCharsets.ISO_8859_1));
    }

    /**
     * The raw request body, refused with 413 {@code invalid_request} when it is larger than
     * {@code maxBytes} (declared or sent); shared with the endpoints whose bodies are JSON.
     */
    public static byte[] readBody(HttpServletRequest request, int maxBytes) throws IOException {
        long declared = request.getContentLengthLong();
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            if (declared > maxBytes) {
                drain(in, declared);
                throw tooLarge(maxBytes);
            }
            body = in.readNBytes(maxBytes + 1);
            if (body.length > maxBytes) {
                drain(in, SWALLOW_LIMIT);
                throw tooLarge(maxBytes);
            }
        }
        return body;
    }

    /**
     * Reads and discards a refused body up to {@link #SWALLOW_LIMIT}, so the client, which is
     * usually still sending, receives the 413 instead of a connection reset (as Tomcat's
     * {@code maxSwallowSize} does). Larger bodies are not read: the connection is closed.
     */
    private static void drain(InputStream in, long declared) throws IOException {
        if (declared <= SWALLOW_LIMIT) {
            byte[] sink = new byte[8192];
            long left = SWALLOW_LIMIT;
            int n;
            while (left > 0 && (n = in.read(sink, 0, (int) Math.min(sink.length, left))) > 0) {
                left -= n;
            }
        }
    }

    /** Parses an already-read body; {@code body} holds only ASCII when well-formed. */
    public static Map<String, String> parse(String body) {
        Map<String, String> out = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            if (!seen.add(name)) {
                throw OAuth2Exception.invalidRequest("parameter '" + name
                        + "' is repeated; each parameter may appear only once (RFC 6749 §3.2)");
            }
            if (!value.isEmpty()) {
                out.put(name, value);
            }
        }
        return java.util.Collections.unmodifiableMap(out);
    }

    /** Strict form decoding: '+' is a space, %XX a byte, the bytes must be UTF-8; raw controls and non-ASCII are refused. */
    private static String decode(String s) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '+') {
                bytes.write(' ');
            } else if (c == '%') {
                int hi = i + 2 < s.length() ? Character.digit(s.charAt(i + 1), 16) : -1;
                int lo = hi >= 0 ? Character.digit(s.charAt(i + 2), 16) : -1;
                if (lo < 0) {
                    throw OAuth2Exception.invalidRequest("the form body has malformed percent-encoding");
                }
                bytes.write(hi * 16 + lo);
                i += 2;
            } else if (c < 0x20 || c > 0x7e) {
                throw OAuth2Exception.invalidRequest("the form body contains a byte that is not percent-encoded");
            } else {
                bytes.write(c);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw OAuth2Exception.invalidRequest("the form body is not UTF-8 after percent-decoding (RFC 6749 Appendix B)");
        }
    }

    private static OAuth2Exception tooLarge(int maxBytes) {
        return new OAuth2Exception(ErrorCode.INVALID_REQUEST,
                "the request body is larger than the " + maxBytes + " bytes this endpoint accepts", 413);
    }
}
