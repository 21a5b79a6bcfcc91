package io.tokengate.clientauth;

import io.tokengate.error.OAuth2Exception;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * Client id and secret from an {@code Authorization: Basic} header. RFC 6749 §2.3.1: both are
 * form-url-encoded before Base64, so they are form-url-decoded after it (a secret containing
 * {@code +} or {@code %} arrives encoded from compliant clients such as Spring Security's).
 */
record BasicCredentials(String clientId, String secret) {

    /**
     * @return empty when the header is absent or uses another scheme
     * @throws OAuth2Exception {@code invalid_client} when it is Basic but malformed
     */
    static Optional<BasicCredentials> from(Optional<String> authorization) {
        if (authorization.isEmpty()) {
            return Optional.empty();
        }
        String header = authorization.get().trim();
        if (header.length() < 6 || !header.substring(0, 6).toLowerCase(Locale.ROOT).equals("basic ")) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw OAuth2Exception.invalidClient("the Authorization header is not valid HTTP Basic: its credentials are not base64");
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            throw OAuth2Exception.invalidClient("the Authorization header is not valid HTTP Basic: expected base64(client_id:client_secret)");
        }
        try {
            return Optional.of(new BasicCredentials(
                    URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
                    URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8)));
        } catch (IllegalArgumentException e) {
            throw OAuth2Exception.invalidClient("the HTTP Basic credentials have malformed form-url-encoding (RFC 6749 §2.3.1)");
        }
    }

    @Override
    public String toString() {
        return "BasicCredentials[" + clientId + ", secret hidden]";
    }
}
