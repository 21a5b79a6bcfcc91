package io.tokengate.http;

/**
 * JSON string quoting (RFC 8259 §7) for the small, fixed-shape responses of the token endpoint,
 * which are written directly rather than through a mapper: they are on the hot path.
 */
public final class JsonText {
    private JsonText() {
    }

    /** {@code s} as a JSON string literal, with HTML-sensitive characters escaped as well. */
    public static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == 0x2028 || c == 0x2029) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
