package io.tokengate.agent.jdk;

import io.tokengate.agent.OutboundAuthorization;
import io.tokengate.agent.OutboundAuthorization.Authorization;
import io.tokengate.agent.TokenRequestException;
import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * A {@link java.net.http.HttpClient} that attaches the agent's token to every call its routes
 * name and, when the resource answers {@code 401} with {@code error="invalid_token"}, evicts the
 * token and sends the call once more with a new one (never more). Calls to other URLs pass through
 * untouched. Everything else is the wrapped client's.
 *
 * <pre>{@code
 * HttpClient http = TokenAgentHttpClient.wrap(
 *         HttpClient.newBuilder().sslContext(agent.sslContext()).build(), agent.outbound(routes));
 * }</pre>
 *
 * <p>Certificate-bound tokens: when the agent presents a client certificate, the wrapped client
 * must use {@link io.tokengate.agent.TokenAgent#sslContext()} — {@link #wrap} refuses any other —
 * so every token travels on a connection presenting the certificate it is bound to (RFC 8705 §3).
 * The wrapped client must not follow redirects, which would carry the token to the redirect target.
 * The retry re-sends the request's body publisher, so use a repeatable one (strings, byte arrays,
 * files). {@code sendAsync} takes the token on the calling thread: from the cache in microseconds,
 * on a miss waiting at most the agent's {@code acquireTimeout}.
 */
public final class TokenAgentHttpClient extends HttpClient {
    private final HttpClient delegate;
    private final OutboundAuthorization outbound;

    private TokenAgentHttpClient(HttpClient delegate, OutboundAuthorization outbound) {
        this.delegate = delegate;
        this.outbound = outbound;
    }

    /** @throws IllegalArgumentException when the client could send a bound token without its certificate, or follows redirects */
    public static HttpClient wrap(HttpClient delegate, OutboundAuthorization outbound) {
        Objects.requireNonNull(delegate, "delegate");
        Objects.requireNonNull(outbound, "outbound");
        if (outbound.presentsCertificate() && delegate.sslContext() != outbound.sslContext()) {
            throw new IllegalArgumentException("the agent's tokens may be bound to its client certificate: build the HttpClient"
                    + " with sslContext(agent.sslContext()) so that it presents that certificate");
        }
        if (delegate.followRedirects() != Redirect.NEVER) {
            throw new IllegalArgumentException("the HttpClient follows redirects, which would carry the token to the"
                    + " redirect target: build it with followRedirects(Redirect.NEVER)");
        }
        return new TokenAgentHttpClient(delegate, outbound);
    }

    /** A default client (HTTP/1.1 or 2, no redirects) over the agent's TLS context, wrapped. */
    public static HttpClient create(OutboundAuthorization outbound, Duration connectTimeout) {
        return wrap(HttpClient.newBuilder().sslContext(outbound.sslContext()).connectTimeout(connectTimeout)
                .followRedirects(Redirect.NEVER).build(), outbound);
    }

    @Override
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        Optional<Authorization> authorization = outbound.authorize(request.uri());
        if (authorization.isEmpty()) {
            return delegate.send(request, handler);
        }
        HttpResponse<T> response = delegate.send(with(request, authorization.get()), handler);
        if (!rejected(response)) {
            return response;
        }
        return delegate.send(with(request, outbound.reauthorize(authorization.get())), handler);
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        Optional<Authorization> authorization;
        try {
            authorization = outbound.authorize(request.uri());
        } catch (TokenRequestException e) {
            return CompletableFuture.failedFuture(e);
        }
        if (authorization.isEmpty()) {
            return delegate.sendAsync(request, handler);
        }
        Authorization first = authorization.get();
        return delegate.sendAsync(with(request, first), handler).thenCompose(response -> {
            if (!rejected(response)) {
                return CompletableFuture.completedFuture(response);
            }
            return CompletableFuture.supplyAsync(() -> outbound.reauthorize(first), executor().orElse(
                    java.util.concurrent.ForkJoinPool.commonPool()))
                    .thenCompose(next -> delegate.sendAsync(with(request, next), handler));
        });
    }

    /** Attaches the token; push promises are not retried. */
    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler,
            HttpResponse.PushPromiseHandler<T> pushPromiseHandler) {
        Optional<Authorization> authorization;
        try {
            authorization = outbound.authorize(request.uri());
        } catch (TokenRequestException e) {
            return CompletableFuture.failedFuture(e);
        }
        return delegate.sendAsync(authorization.map(a -> with(request, a)).orElse(request), handler, pushPromiseHandler);
    }

    private static boolean rejected(HttpResponse<?> response) {
        return OutboundAuthorization.isInvalidToken(response.statusCode(), response.headers().allValues("WWW-Authenticate"));
    }

    private static HttpRequest with(HttpRequest request, Authorization authorization) {
        return HttpRequest.newBuilder(request, (name, value) -> !"authorization".equalsIgnoreCase(name))
                .header("Authorization", authorization.headerValue()).build();
    }

    @Override
    public Optional<CookieHandler> cookieHandler() {
        return delegate.cookieHandler();
    }

    @Override
    public Optional<Duration> connectTimeout() {
        return delegate.connectTimeout();
    }

    @Override
    public Redirect followRedirects() {
        return delegate.followRedirects();
    }

    @Override
    public Optional<ProxySelector> proxy() {
        return delegate.proxy();
    }

    @Override
    public SSLContext sslContext() {
        return delegate.sslContext();
    }

    @Override
    public SSLParameters sslParameters() {
        return delegate.sslParameters();
    }

    @Override
    public Optional<Authenticator> authenticator() {
        return delegate.authenticator();
    }

    @Override
    public Version version() {
        return delegate.version();
    }

    @Override
    public Optional<Executor> executor() {
        return delegate.executor();
    }
}
