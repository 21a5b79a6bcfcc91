package io.tokengate.resource;

/** Makes values read from an untrusted token safe to quote in an error description. */
final class Descriptions {
    private static final int MAX = 64;

    private Descriptions() {
    }

    /** At most 64 printable ASCII characters of {@code value}, others replaced by {@code ?}. */
    static String shorten(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder(Math.min(value.length(), MAX + 3));
        for (int i = 0; i < value.length() && i < MAX; i++) {
            char c = value.charAt(i);
            b.append(c >= 0x20 && c <= 0x7e ? c : '?');
        }
        return value.length() > MAX ? b.append("...").toString() : b.toString();
    }
}
