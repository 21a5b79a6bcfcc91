package io.tokengate.endpoint;

import io.tokengate.cert.ClientCertificateResolver;
import io.tokengate.clientauth.AuthenticatedClient;
import io.tokengate.clientauth.ClientAuthentication;
import io.tokengate.error.ErrorCode;
import io.tokengate.error.ErrorResponseWriter;
import io.tokengate.error.OAuth2Exception;
import io.tokengate.grant.GrantHandler;
import io.tokengate.grant.TokenResponse;
import io.tokengate.http.TokenRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The token endpoint (RFC 6749 §3.2): parse, authenticate the client, dispatch to the grant
 * handler, answer. It owns the exchange completely: a 200 with the RFC 6749 §5.1 JSON and
 * {@code Cache-Control: no-store}, or the RFC 6749 §5.2 error. Refusals: 405 for methods other
 * than POST, 413 for bodies over the limit, {@code invalid_request} for another content type,
 * parameters in the query string or repeated parameters. Anything unexpected becomes a logged
 * {@code server_error} without a stack trace in the response. Thread-safe.
 */
public final class TokenEndpoint {
    private static final Logger LOG = LoggerFactory.getLogger(TokenEndpoint.class);

    private final Map<String, GrantHandler> grants;
    private final ClientAuthentication clientAuthentication;
    private final ClientCertificateResolver certificates;
    private final ErrorResponseWriter errors;
    private final int maxBodyBytes;

    public TokenEndpoint(List<GrantHandler> grants, ClientAuthentication clientAuthentication,
            ClientCertificateResolver certificates, ErrorResponseWriter errors, int maxBodyBytes) {
        this.grants = grants.stream().collect(Collectors.toUnmodifiableMap(GrantHandler::grantType, Function.identity()));
        this.clientAuthentication = clientAuthentication;
        this.certificates = certificates;
        this.errors = errors;
        this.maxBodyBytes = maxBodyBytes;
    }

    /** The grant types served, for the metadata. */
    public List<String> grantTypes() {
        return grants.keySet().stream().sorted().toList();
    }

    public void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            TokenResponse answer = process(request);
            ClientRequests.ok(response, answer.toJson());
        } catch (OAuth2Exception e) {
            LOG.info("Token request from {} refused: {} {}", request.getRemoteAddr(), e.code().value(), e.description());
            errors.write(response, e);
        } catch (io.tokengate.store.StoreUnavailableException e) {
            LOG.warn("Token request from {} answered 503: {}", request.getRemoteAddr(), e.getMessage());
            errors.write(response, ClientRequests.unavailable("token"));
        } catch (RuntimeException e) {
            LOG.error("Token request from {} failed unexpectedly", request.getRemoteAddr(), e);
            errors.write(response, new OAuth2Exception(ErrorCode.SERVER_ERROR,
                    "the server could not process the token request; the cause is in the server log"));
        }
    }

    private TokenResponse process(HttpServletRequest http) throws IOException {
        TokenRequest request = ClientRequests.parse(http, "token", "RFC 6749 §3.2", maxBodyBytes, certificates);
        String grantType = request.grantType();
        GrantHandler handler = grants.get(grantType);
        if (handler == null) {
            throw new OAuth2Exception(ErrorCode.UNSUPPORTED_GRANT_TYPE, "grant type '" + grantType
                    + "' is not supported; supported: " + String.join(", ", grantTypes()));
        }
        AuthenticatedClient client = clientAuthentication.authenticate(request);
        if (client.client().isPublic() && !handler.allowsPublicClients()) {
            throw OAuth2Exception.unauthorizedClient("grant " + grantType + " is only available to confidential"
                    + " applications; client " + client.clientId() + " is a mobile (public) application");
        }
        if (!client.client().isGrantEnabled(grantType)) {
            throw OAuth2Exception.unauthorizedClient("grant " + grantType + " is not enabled for client "
                    + client.clientId() + "; enable it in the client profile");
        }
        return handler.handle(request, client);
    }
}
