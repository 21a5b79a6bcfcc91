package io.tokengate.demo.sidecar;

import io.tokengate.resource.BearerTokenFilter;
import io.tokengate.resource.ValidatedToken;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.stream.Collectors;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.ee10.proxy.ProxyServlet;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingress sidecar's reverse proxy, behind {@link BearerTokenFilter}: forwards each request it
 * is given (so only requests with an accepted token) to the upstream named by the {@code proxyTo}
 * init-param, with the caller's identity in the {@link IdentityHeaders}. What the client sent under
 * those names, its {@code Authorization} (the token stays here) and RFC 9440 {@code Client-Cert}
 * headers are removed first, so the upstream can believe what it receives from the sidecar.
 */
final class IngressProxyServlet extends ProxyServlet.Transparent {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(IngressProxyServlet.class);

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        if (!(request.getAttribute(BearerTokenFilter.TOKEN_ATTRIBUTE) instanceof ValidatedToken)) {
            LOG.error("Refused {} {}: no BearerTokenFilter ran before the ingress proxy; map it to the same paths",
                    request.getMethod(), request.getRequestURI());
            response.sendError(500, "the ingress sidecar is misconfigured: no token validation before the proxy");
            return;
        }
        super.service(request, response);
    }

    @Override
    protected void copyRequestHeaders(HttpServletRequest clientRequest, Request proxyRequest) {
        super.copyRequestHeaders(clientRequest, proxyRequest);
        ValidatedToken token = (ValidatedToken) clientRequest.getAttribute(BearerTokenFilter.TOKEN_ATTRIBUTE);
        proxyRequest.headers(headers -> {
            removeClientHeaders(headers);
            headers.put(IdentityHeaders.SUBJECT, IdentityHeaders.encode(token.subject()));
            headers.put(IdentityHeaders.CLIENT_ID, IdentityHeaders.encode(token.clientId()));
            headers.put(IdentityHeaders.SCOPE, token.scopes().stream().map(IdentityHeaders::encode)
                    .collect(Collectors.joining(" ")));
        });
    }

    /** Challenges and other quoted values reach the client as the server wrote them. */
    @Override
    protected HttpField filterServerResponseHeader(HttpServletRequest clientRequest, Response serverResponse,
            HttpField serverResponseHeader) {
        return VerbatimHeaderField.of(super.filterServerResponseHeader(clientRequest, serverResponse, serverResponseHeader));
    }

    /** Removes identity, credential and client-certificate headers, whatever their case. */
    static void removeClientHeaders(HttpFields.Mutable headers) {
        List<String> names = headers.getFieldNamesCollection().stream()
                .filter(n -> IdentityHeaders.isIdentityHeader(n) || IdentityHeaders.isCredentialHeader(n)).toList();
        names.forEach(headers::remove);
    }
}
