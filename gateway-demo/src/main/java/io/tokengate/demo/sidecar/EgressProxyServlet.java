package io.tokengate.demo.sidecar;

import io.tokengate.agent.AccessToken;
import io.tokengate.agent.OutboundAuthorization;
import io.tokengate.agent.TokenKey;
import io.tokengate.agent.TokenRequestException;
import io.tokengate.http.JsonText;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.ee10.proxy.ProxyServlet;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The egress sidecar's forward proxy for a local application: a request whose path starts with a
 * route's prefix goes to that route's upstream with {@code Authorization: Bearer} and a token from
 * {@link EgressTokens}, for the user named by the application in {@link IdentityHeaders#SUBJECT}
 * (percent-encoded) or, without it, as the client itself. The application's own
 * {@code Authorization} and every {@code Tokengate-*} header are removed before the call leaves.
 * Answers itself only with: 404 for a path no route matches (the sidecar is not an open proxy),
 * 400 for a path with dot segments or an undecodable subject, 502 when no token could be obtained
 * (JSON {@code error} and {@code error_description} from the token endpoint). A 401 with
 * {@code error="invalid_token"} from the upstream is passed on and makes the token forgotten, so
 * the next call carries a new one (the call itself is not retried: its body may be streamed).
 */
final class EgressProxyServlet extends ProxyServlet {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(EgressProxyServlet.class);
    private static final String ROUTE = EgressProxyServlet.class.getName() + ".route";
    private static final String KEY = EgressProxyServlet.class.getName() + ".key";
    private static final String TOKEN = EgressProxyServlet.class.getName() + ".token";

    private final transient List<EgressRoute> routes;
    private final transient EgressTokens tokens;
    private final transient SslContextFactory.Client tls;

    /** @param tls the outbound TLS set-up (trust, host name verification) */
    EgressProxyServlet(List<EgressRoute> routes, EgressTokens tokens, SslContextFactory.Client tls) {
        this.routes = routes.stream().sorted(Comparator.comparingInt((EgressRoute r) -> r.prefix().length()).reversed())
                .toList();
        this.tokens = tokens;
        this.tls = tls;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        String path = request.getRequestURI();
        String lower = path.toLowerCase(Locale.ROOT);
        if (lower.contains("%2e") || ("/" + path + "/").contains("/../") || ("/" + path + "/").contains("/./")) {
            answer(response, 400, "invalid_request", "the path must not contain dot segments");
            return;
        }
        EgressRoute route = routes.stream().filter(r -> r.matches(path)).findFirst().orElse(null);
        if (route == null) {
            answer(response, 404, "no_route", "no egress route matches " + path + "; configured prefixes: "
                    + routes.stream().map(EgressRoute::prefix).toList());
            return;
        }
        String header = request.getHeader(IdentityHeaders.SUBJECT);
        Optional<String> subject = IdentityHeaders.decode(header);
        if (header != null && subject.isEmpty()) {
            answer(response, 400, "invalid_request", IdentityHeaders.SUBJECT
                    + " must be the user name, UTF-8 percent-encoded");
            return;
        }
        TokenKey key = new TokenKey(subject, route.audience(), route.scopes());
        AccessToken token;
        try {
            token = tokens.accessToken(key);
        } catch (TokenRequestException e) {
            LOG.warn("No token for {} {} via route {}: {} {}", request.getMethod(), path, route.prefix(), e.error(),
                    e.getMessage());
            answer(response, 502, e.error(), "the egress sidecar could not obtain an access token for route "
                    + route.prefix() + ": " + e.getMessage());
            return;
        }
        request.setAttribute(ROUTE, route);
        request.setAttribute(KEY, key);
        request.setAttribute(TOKEN, token);
        super.service(request, response);
    }

    @Override
    protected String rewriteTarget(HttpServletRequest request) {
        EgressRoute route = (EgressRoute) request.getAttribute(ROUTE);
        return route.target(request.getRequestURI(), request.getQueryString());
    }

    @Override
    protected void copyRequestHeaders(HttpServletRequest clientRequest, Request proxyRequest) {
        super.copyRequestHeaders(clientRequest, proxyRequest);
        AccessToken token = (AccessToken) clientRequest.getAttribute(TOKEN);
        proxyRequest.headers(headers -> {
            List<String> names = headers.getFieldNamesCollection().stream()
                    .filter(n -> IdentityHeaders.isIdentityHeader(n) || "authorization".equalsIgnoreCase(n)).toList();
            names.forEach(headers::remove);
            headers.put("Authorization", token.authorizationHeader());
        });
    }

    @Override
    protected void onServerResponseHeaders(HttpServletRequest clientRequest, HttpServletResponse proxyResponse,
            Response serverResponse) {
        if (OutboundAuthorization.isInvalidToken(serverResponse.getStatus(),
                serverResponse.getHeaders().getValuesList("WWW-Authenticate"))) {
            EgressRoute route = (EgressRoute) clientRequest.getAttribute(ROUTE);
            LOG.info("Upstream of route {} refused the token as invalid_token; it is forgotten", route.prefix());
            tokens.invalidate((TokenKey) clientRequest.getAttribute(KEY), (AccessToken) clientRequest.getAttribute(TOKEN));
        }
        super.onServerResponseHeaders(clientRequest, proxyResponse, serverResponse);
    }

    /** Challenges and other quoted values reach the client as the server wrote them. */
    @Override
    protected HttpField filterServerResponseHeader(HttpServletRequest clientRequest, Response serverResponse,
            HttpField serverResponseHeader) {
        return VerbatimHeaderField.of(super.filterServerResponseHeader(clientRequest, serverResponse, serverResponseHeader));
    }

    @Override
    protected ClientConnector newClientConnector() {
        ClientConnector connector = super.newClientConnector();
        connector.setSslContextFactory(tls);
        return connector;
    }

    private static void answer(HttpServletResponse response, int status, String error, String description)
            throws IOException {
        byte[] body = ("{\"error\":" + JsonText.quote(error) + ",\"error_description\":" + JsonText.quote(description) + "}")
                .getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("application/json;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
