package io.tokengate.resource;

/**
 * The syntax of a bearer token (RFC 6750 §2.1): {@code b64token = 1*( ALPHA / DIGIT / "-" / "." /
 * "_" / "~" / "+" / "/" ) *"="}. Anything else (a space, a comma, a second credential) makes the
 * request malformed: {@code invalid_request}.
 */
final class Token68 {
    private static final boolean[] CHARACTERS = table();

    private Token68() {
    }

    static void check(String token) {
        int n = token.length();
        int i = 0;
        while (i < n) {
            char c = token.charAt(i);
            if (c >= 128 || !CHARACTERS[c]) {
                break;
            }
            i++;
        }
        int letters = i;
        while (i < n && token.charAt(i) == '=') {
            i++;
        }
        if (letters == 0 || i != n) {
            throw BearerTokenException.invalidRequest("the access token is not a token68 value (RFC 6750 §2.1): letters,"
                    + " digits and -._~+/ followed by optional =");
        }
    }

    private static boolean[] table() {
        boolean[] table = new boolean[128];
        for (char c = 0; c < 128; c++) {
            table[c] = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "-._~+/".indexOf(c) >= 0;
        }
        return table;
    }
}
