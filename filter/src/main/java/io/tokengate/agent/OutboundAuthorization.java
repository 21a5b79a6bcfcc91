package io.tokengate.agent;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * What an HTTP client adapter needs from the agent, for any HTTP client: the token to attach to a
 * call (none when no route names its URL), and after a {@code 401} with {@code error="invalid_token"}
 * (RFC 6750 §3.1) a fresh token for the one retry. The adapters implement the rule "attach, and on
 * {@code invalid_token} evict and retry once; never loop" (a retried call is never retried again).
 * Thread-safe.
 */
public final class OutboundAuthorization {
    private final TokenAgent agent;
    private final OutboundRoutes routes;

    OutboundAuthorization(TokenAgent agent, OutboundRoutes routes) {
        this.agent = Objects.requireNonNull(agent, "agent");
        this.routes = Objects.requireNonNull(routes, "routes");
    }

    /**
     * The token for a call to {@code uri} in the name of the current subject, or empty when no
     * route names {@code uri}.
     *
     * @throws TokenRequestException when a token is needed but cannot be had
     */
    public Optional<Authorization> authorize(URI uri) {
        Optional<OutboundRoutes.Target> target = routes.targetFor(uri);
        if (target.isEmpty()) {
            return Optional.empty();
        }
        TokenKey key = agent.keyFor(target.get().audience(), target.get().scopes());
        return Optional.of(new Authorization(key, agent.accessToken(key)));
    }

    /** Evicts the rejected token and returns its successor, for the single retry. */
    public Authorization reauthorize(Authorization rejected) {
        agent.invalidate(rejected.key(), rejected.token());
        return new Authorization(rejected.key(), agent.accessToken(rejected.key()));
    }

    /**
     * Whether a response says the token was refused as invalid: status 401 and a Bearer challenge
     * with {@code error="invalid_token"} (RFC 6750 §3, §3.1).
     */
    public static boolean isInvalidToken(int status, List<String> wwwAuthenticate) {
        if (status != 401) {
            return false;
        }
        for (String challenge : wwwAuthenticate) {
            String c = challenge.toLowerCase(Locale.ROOT);
            if (c.startsWith("bearer") && c.replace(" ", "").contains("error=\"invalid_token\"")) {
                return true;
            }
        }
        return false;
    }

    /** The agent's TLS context, to build the adapted HTTP client with (see {@link TokenAgent#sslContext()}). */
    public SSLContext sslContext() {
        return agent.sslContext();
    }

    /** Whether tokens may be bound to the agent's certificate, so the HTTP client must present it. */
    public boolean presentsCertificate() {
        return agent.presentsCertificate();
    }

    /**
     * A token attached to one call.
     *
     * @param key   the key it was obtained for
     * @param token the token
     */
    public record Authorization(TokenKey key, AccessToken token) {
        /** The {@code Authorization} header value. */
        public String headerValue() {
            return token.authorizationHeader();
        }
    }
}
