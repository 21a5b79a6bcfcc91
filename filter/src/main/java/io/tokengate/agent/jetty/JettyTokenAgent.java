package io.tokengate.agent.jetty;

import io.tokengate.agent.OutboundAuthorization;
import io.tokengate.agent.OutboundAuthorization.Authorization;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.http.HttpHeader;

/**
 * The agent for Jetty's {@link HttpClient}: {@link #install} adds a request listener that attaches
 * the token to every request its routes name — whichever way it is sent, including the copies Jetty
 * makes to follow a redirect, which are matched against the routes by their own URL — and
 * {@link #send(Supplier)} sends a request and, on {@code 401} with {@code error="invalid_token"},
 * evicts the token and sends a new copy once with a fresh one (never more).
 *
 * <pre>{@code
 * HttpClient jetty = new HttpClient();
 * jetty.setSslContextFactory(JettyTokenAgent.sslContextFactory(outbound));
 * jetty.start();
 * JettyTokenAgent tokens = JettyTokenAgent.install(jetty, outbound);
 * ContentResponse r = tokens.send(() -> jetty.newRequest(uri));
 * }</pre>
 *
 * <p>Certificate-bound tokens: when the agent presents a client certificate, the client's
 * {@code SslContextFactory} must hold {@link io.tokengate.agent.TokenAgent#sslContext()}
 * ({@link #sslContextFactory} makes one) — {@link #install} refuses any other — so tokens go out on
 * connections presenting the certificate they are bound to (RFC 8705 §3). When no token can be had
 * the request is aborted with the {@link io.tokengate.agent.TokenRequestException}. The listener
 * runs on the thread that sends the request; on a cache miss it waits for the token request.
 */
public final class JettyTokenAgent {
    /** The request attribute holding the {@link Authorization} attached to a request. */
    public static final String AUTHORIZATION_ATTRIBUTE = JettyTokenAgent.class.getName() + ".authorization";

    private final OutboundAuthorization outbound;

    private JettyTokenAgent(OutboundAuthorization outbound) {
        this.outbound = outbound;
    }

    /** A client TLS factory over the agent's context (its certificate and trust anchors). */
    public static org.eclipse.jetty.util.ssl.SslContextFactory.Client sslContextFactory(OutboundAuthorization outbound) {
        org.eclipse.jetty.util.ssl.SslContextFactory.Client tls = new org.eclipse.jetty.util.ssl.SslContextFactory.Client();
        tls.setSslContext(outbound.sslContext());
        return tls;
    }

    /**
     * Adds the token-attaching listener to {@code jetty}'s request listeners.
     *
     * @throws IllegalArgumentException when the client could send a bound token without its certificate
     */
    public static JettyTokenAgent install(HttpClient jetty, OutboundAuthorization outbound) {
        Objects.requireNonNull(jetty, "jetty");
        Objects.requireNonNull(outbound, "outbound");
        if (outbound.presentsCertificate() && jetty.getSslContextFactory().getSslContext() != outbound.sslContext()) {
            throw new IllegalArgumentException("the agent's tokens may be bound to its client certificate: give the Jetty"
                    + " HttpClient JettyTokenAgent.sslContextFactory(outbound) so that it presents that certificate");
        }
        JettyTokenAgent agent = new JettyTokenAgent(outbound);
        jetty.getRequestListeners().addBeginListener(agent::attach);
        return agent;
    }

    /**
     * Sends the request {@code request} makes; on {@code invalid_token}, sends a second request it
     * makes with a new token. The supplier is called at most twice.
     */
    public ContentResponse send(Supplier<Request> request) throws InterruptedException, TimeoutException, ExecutionException {
        Request first = request.get();
        ContentResponse response = first.send();
        Object attached = first.getAttributes().get(AUTHORIZATION_ATTRIBUTE);
        if (!(attached instanceof Authorization authorization) || !OutboundAuthorization.isInvalidToken(response.getStatus(),
                response.getHeaders().getValuesList(HttpHeader.WWW_AUTHENTICATE))) {
            return response;
        }
        outbound.reauthorize(authorization);
        return request.get().send();
    }

    private void attach(Request request) {
        try {
            Optional<Authorization> authorization = outbound.authorize(request.getURI());
            if (authorization.isPresent()) {
                request.attribute(AUTHORIZATION_ATTRIBUTE, authorization.get());
                String value = authorization.get().headerValue();
                request.headers(h -> h.put(HttpHeader.AUTHORIZATION, value));
            }
        } catch (RuntimeException e) {
            request.abort(e);
        }
    }
}
