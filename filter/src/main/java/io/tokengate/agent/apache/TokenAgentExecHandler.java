package io.tokengate.agent.apache;

import io.tokengate.agent.OutboundAuthorization;
import io.tokengate.agent.OutboundAuthorization.Authorization;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import org.apache.hc.client5.http.classic.ExecChain;
import org.apache.hc.client5.http.classic.ExecChainHandler;
import org.apache.hc.client5.http.impl.ChainElement;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.support.ClassicRequestBuilder;

/**
 * The agent for Apache HttpClient 5 (classic): an exec-chain handler that attaches the token to
 * every request its routes name and, on {@code 401} with {@code error="invalid_token"}, evicts it
 * and sends the request once more with a fresh token (never more; not when the body cannot be
 * repeated). It sits just before the protocol handler, after redirects and retries, so each
 * redirect hop and each I/O retry is matched against the routes by its own URL.
 *
 * <pre>{@code
 * CloseableHttpClient http = TokenAgentExecHandler.httpClientBuilder(outbound).build();
 * }</pre>
 *
 * <p>Certificate-bound tokens: {@link #httpClientBuilder} builds the connection manager over
 * {@link io.tokengate.agent.TokenAgent#sslContext()}, so tokens go out on connections presenting
 * the certificate they are bound to (RFC 8705 §3). Who adds the handler to a builder of their own
 * with {@link #addTo} must give its connection manager that same context. The user's request
 * object is never changed: the handler sends a copy carrying the header.
 */
public final class TokenAgentExecHandler implements ExecChainHandler {
    /** The name of the handler in the exec chain. */
    public static final String NAME = "tokengate-agent";

    private final OutboundAuthorization outbound;

    public TokenAgentExecHandler(OutboundAuthorization outbound) {
        this.outbound = Objects.requireNonNull(outbound, "outbound");
    }

    /** A client builder with the agent's TLS context in its connection manager and this handler in its chain. */
    public static HttpClientBuilder httpClientBuilder(OutboundAuthorization outbound) {
        return addTo(HttpClients.custom().setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                .setTlsSocketStrategy(new DefaultClientTlsStrategy(outbound.sslContext())).build()), outbound);
    }

    /** Adds the handler before the protocol element of {@code builder}'s chain. */
    public static HttpClientBuilder addTo(HttpClientBuilder builder, OutboundAuthorization outbound) {
        return builder.addExecInterceptorBefore(ChainElement.PROTOCOL.name(), NAME, new TokenAgentExecHandler(outbound));
    }

    @Override
    public ClassicHttpResponse execute(ClassicHttpRequest request, ExecChain.Scope scope, ExecChain chain)
            throws IOException, HttpException {
        Optional<Authorization> authorization = outbound.authorize(target(request, scope));
        if (authorization.isEmpty()) {
            return chain.proceed(request, scope);
        }
        ClassicHttpResponse response = chain.proceed(with(request, authorization.get()), scope);
        if (!OutboundAuthorization.isInvalidToken(response.getCode(), Arrays.stream(response.getHeaders(HttpHeaders.WWW_AUTHENTICATE))
                .map(Header::getValue).toList())
                || request.getEntity() != null && !request.getEntity().isRepeatable()) {
            return response;
        }
        EntityUtils.consume(response.getEntity());
        response.close();
        return chain.proceed(with(request, outbound.reauthorize(authorization.get())), scope);
    }

    private static ClassicHttpRequest with(ClassicHttpRequest request, Authorization authorization) {
        return ClassicRequestBuilder.copy(request).setHeader(HttpHeaders.AUTHORIZATION, authorization.headerValue()).build();
    }

    private static URI target(ClassicHttpRequest request, ExecChain.Scope scope) throws HttpException {
        try {
            if (request.getAuthority() != null && request.getScheme() != null) {
                return request.getUri();
            }
            return new URI(scope.route.getTargetHost().toURI() + request.getPath());
        } catch (URISyntaxException e) {
            throw new HttpException("cannot tell the request's URL: " + e.getMessage(), e);
        }
    }
}
