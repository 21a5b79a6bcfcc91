package io.tokengate.agent;

import java.net.http.HttpClient;
import java.time.Clock;
import java.util.Collection;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import javax.net.ssl.SSLContext;

/**
 * The outbound agent: hands out access tokens for outbound calls, in the name of the current
 * subject of its {@link SubjectSource} (user assertion grant, RFC 7521) or of the client itself
 * (client credentials or {@code tls_client_auth}), from a cache that renews them ahead of expiry.
 * The HTTP client adapters ({@code io.tokengate.agent.jdk}, {@code .jetty}, {@code .apache}) use it
 * through {@link #outbound(OutboundRoutes)}.
 *
 * <p>Contract: thread-safe; one token request per key at a time however many threads ask; the
 * methods that return a token block at most {@link TokenAgentConfig#acquireTimeout()} and throw
 * {@link TokenRequestException} with the RFC 6749 §5.2 error code when no token can be had.
 * Create one agent per client and share it.
 */
public final class TokenAgent {
    private final TokenAgentConfig config;
    private final SubjectSource subjects;
    private final SSLContext tls;
    private final TokenCache cache;
    private final boolean canAssertUsers;

    private TokenAgent(Builder b) {
        this.config = b.config;
        this.subjects = b.subjects;
        this.tls = AgentTls.context(config);
        HttpClient http = HttpClient.newBuilder().sslContext(tls).connectTimeout(config.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1).build();
        Clock assertionClock = Clock.systemUTC();
        TokenFetcher fetcher = new TokenFetcher(config, new TokenEndpointLocator(http, config),
                new TokenEndpointClient(http, config, new TokenResponses(b.clock), new RequestAuthenticator(config, assertionClock)),
                UserAssertions.from(config, assertionClock));
        this.cache = new TokenCache(fetcher, config, b.clock, b.executor);
        this.canAssertUsers = config.canAssertUsers();
    }

    /** An agent for {@code config} whose calls carry the subjects of {@code subjects}. */
    public static TokenAgent create(TokenAgentConfig config, SubjectSource subjects) {
        return builder(config).subjectSource(subjects).build();
    }

    public static Builder builder(TokenAgentConfig config) {
        return new Builder(config);
    }

    /** A token for {@code audience} and {@code scopes} in the name of the current subject (or the client). */
    public AccessToken accessToken(String audience, Collection<String> scopes) {
        return accessToken(keyFor(audience, scopes));
    }

    /**
     * A token for {@code key}, from the cache or the token endpoint.
     *
     * @throws TokenRequestException when no token can be had (RFC 6749 §5.2 code in {@code error()})
     * @throws IllegalStateException when the key names a user but the agent cannot assert users
     *                               ({@link TokenAgentConfig#canAssertUsers()})
     */
    public AccessToken accessToken(TokenKey key) {
        if (key.subject().isPresent() && !canAssertUsers) {
            throw new IllegalStateException("client " + config.clientId() + " has neither keyMaterial nor an assertionSource,"
                    + " so it cannot obtain a token for user " + key.subject().get() + "; configure one of them");
        }
        return cache.get(key);
    }

    /** The key of a call made now: the current subject, {@code audience} and {@code scopes}. */
    public TokenKey keyFor(String audience, Collection<String> scopes) {
        return new TokenKey(subjects.currentSubject(), audience, java.util.List.copyOf(scopes));
    }

    /**
     * Forgets {@code rejected}, which a resource refused ({@code 401 invalid_token}), and starts
     * obtaining its successor; the next {@link #accessToken(TokenKey)} returns that. Does nothing if
     * the key already holds another token.
     */
    public void invalidate(TokenKey key, AccessToken rejected) {
        cache.invalidate(key, rejected);
    }

    /** The adapters' view of this agent for the calls {@code routes} name. */
    public OutboundAuthorization outbound(OutboundRoutes routes) {
        return new OutboundAuthorization(this, routes);
    }

    /**
     * The TLS context the agent connects with: its client certificate (if any) and trust anchors.
     * Build the HTTP clients for resources with it, so that certificate-bound tokens travel on a
     * connection presenting the certificate they are bound to (RFC 8705 §3).
     */
    public SSLContext sslContext() {
        return tls;
    }

    /** Whether the agent presents a client certificate (its tokens may then be bound to it). */
    public boolean presentsCertificate() {
        return config.presentsCertificate();
    }

    public TokenAgentConfig config() {
        return config;
    }

    @Override
    public String toString() {
        return "TokenAgent[" + config + "]";
    }

    /** Builds a {@link TokenAgent}. Not thread-safe. */
    public static final class Builder {
        private final TokenAgentConfig config;
        private SubjectSource subjects = SubjectSource.none();
        private Clock clock = Clock.systemUTC();
        private Executor executor = ForkJoinPool.commonPool();

        private Builder(TokenAgentConfig config) {
            this.config = Objects.requireNonNull(config, "config");
        }

        /** Whose identity calls carry; default {@link SubjectSource#none()} (always the client). */
        public Builder subjectSource(SubjectSource value) {
            this.subjects = Objects.requireNonNull(value, "subjectSource");
            return this;
        }

        /**
         * The clock that decides when cached tokens are renewed and stale (tests pass a fake one).
         * Assertions are always stamped with the system clock, as the token endpoint checks them.
         */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** Runs background renewals; default the common fork-join pool. */
        public Builder executor(Executor value) {
            this.executor = Objects.requireNonNull(value, "executor");
            return this;
        }

        public TokenAgent build() {
            return new TokenAgent(this);
        }
    }
}
