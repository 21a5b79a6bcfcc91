package io.tokengate.http;

import io.tokengate.cert.ClientCertificate;
import io.tokengate.error.OAuth2Exception;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A token request as parsed from HTTP (RFC 6749 §3.2): the body parameters, the
 * {@code Authorization} header and the client certificate read once from the TLS session or a
 * trusted proxy. Immutable; the value that client authenticators and grant handlers receive.
 * {@link #toString()} names the parameters but shows only the {@code grant_type} value, since
 * others carry secrets (passwords, client secrets, refresh tokens).
 *
 * @param parameters    the form parameters, each present at most once and never empty
 * @param authorization the {@code Authorization} header, if sent
 * @param certificate   the client certificate, if one was presented
 * @param remoteAddress the peer address, for logs and throttling
 */
public record TokenRequest(Map<String, String> parameters, Optional<String> authorization,
        Optional<ClientCertificate> certificate, String remoteAddress) {

    public TokenRequest {
        parameters = Map.copyOf(parameters);
        Objects.requireNonNull(authorization, "authorization");
        Objects.requireNonNull(certificate, "certificate");
    }

    public Optional<String> parameter(String name) {
        return Optional.ofNullable(parameters.get(name));
    }

    /** @throws OAuth2Exception {@code invalid_request} naming the missing parameter */
    public String requiredParameter(String name) {
        String value = parameters.get(name);
        if (value == null) {
            throw OAuth2Exception.invalidRequest("the '" + name + "' parameter is missing");
        }
        return value;
    }

    public String grantType() {
        return requiredParameter("grant_type");
    }

    @Override
    public String toString() {
        return "TokenRequest[grant_type=" + parameters.get("grant_type") + ", parameters="
                + new java.util.TreeSet<>(parameters.keySet()) + ", authorization=" + (authorization.isPresent() ? "sent" : "none")
                + ", certificate=" + certificate.map(ClientCertificate::describe).orElse("none")
                + ", remoteAddress=" + remoteAddress + "]";
    }
}
