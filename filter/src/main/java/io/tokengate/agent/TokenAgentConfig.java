package io.tokengate.agent;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outbound agent's configuration, immutable; build it with {@link #builder(String)}, which
 * checks every option where it is set and the combinations in {@link Builder#build()}, naming the
 * option to fix. {@link #toString()} never shows the secret.
 *
 * @param issuer           the authorization server's issuer; the token endpoint is read from its
 *                         RFC 8414 metadata ({@code /.well-known/oauth-authorization-server}) on first use
 * @param tokenEndpoint    the token endpoint, when configured instead of discovered
 * @param clientId         the agent's client id
 * @param clientAuth       how the agent authenticates to the token endpoint
 * @param clientSecret     the secret for {@code client_secret_basic}/{@code _post}
 * @param keyMaterial      the client key and certificate: mutual TLS, {@code private_key_jwt}, minted assertions
 * @param trustAnchors     the CAs the agent trusts for the token endpoint and resources; empty = the JDK's defaults
 * @param userGrant        the assertion grant for calls made on behalf of a user
 * @param clientGrant      the grant for calls made as the client itself (no subject)
 * @param assertionSource  third-party user assertions; empty = the agent mints them (a Trusted client)
 * @param connectTimeout   TCP+TLS connect timeout towards the token endpoint
 * @param requestTimeout   timeout of one token request, from sending to the response headers
 * @param acquireTimeout   how long a caller waits for a token in all (attempts, back-off) before failing
 * @param maxAttempts      attempts per token request where retrying can help (I/O error, 5xx, 429)
 * @param initialBackoff   the first pause between attempts, doubled each time up to {@code maxBackoff}
 * @param maxBackoff       the longest pause between attempts
 * @param refreshAhead     how long before expiry a token is renewed in the background while still in use
 * @param expirySkew       how long before expiry a token is no longer handed out (clock skew, transit time)
 * @param assertionLifetime validity of the assertions the agent mints
 * @param maximumKeys      the most (subject, audience, scopes) keys kept
 * @param idleExpiry       a key not used for this long is forgotten, with its tokens
 */
public record TokenAgentConfig(
        Optional<URI> issuer,
        Optional<URI> tokenEndpoint,
        String clientId,
        ClientAuth clientAuth,
        Optional<String> clientSecret,
        Optional<ClientKeyMaterial> keyMaterial,
        List<X509Certificate> trustAnchors,
        UserGrant userGrant,
        ClientGrant clientGrant,
        Optional<AssertionSource> assertionSource,
        Duration connectTimeout,
        Duration requestTimeout,
        Duration acquireTimeout,
        int maxAttempts,
        Duration initialBackoff,
        Duration maxBackoff,
        Duration refreshAhead,
        Duration expirySkew,
        Duration assertionLifetime,
        int maximumKeys,
        Duration idleExpiry) {

    public TokenAgentConfig {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(tokenEndpoint, "tokenEndpoint");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientAuth, "clientAuth");
        Objects.requireNonNull(clientSecret, "clientSecret");
        Objects.requireNonNull(keyMaterial, "keyMaterial");
        trustAnchors = List.copyOf(trustAnchors);
        Objects.requireNonNull(userGrant, "userGrant");
        Objects.requireNonNull(clientGrant, "clientGrant");
        Objects.requireNonNull(assertionSource, "assertionSource");
        TokenAgentConfigChecks.check(issuer, tokenEndpoint, clientId, clientAuth, clientSecret, keyMaterial, clientGrant,
                assertionSource);
        TokenAgentConfigChecks.positive(connectTimeout, "connectTimeout");
        TokenAgentConfigChecks.positive(requestTimeout, "requestTimeout");
        TokenAgentConfigChecks.positive(acquireTimeout, "acquireTimeout");
        TokenAgentConfigChecks.positive(initialBackoff, "initialBackoff");
        TokenAgentConfigChecks.positive(maxBackoff, "maxBackoff");
        TokenAgentConfigChecks.positive(assertionLifetime, "assertionLifetime");
        TokenAgentConfigChecks.positive(idleExpiry, "idleExpiry");
        TokenAgentConfigChecks.notNegative(refreshAhead, "refreshAhead");
        TokenAgentConfigChecks.notNegative(expirySkew, "expirySkew");
        if (maxAttempts < 1 || maxAttempts > 10) {
            throw new IllegalArgumentException("maxAttempts must be 1 to 10, was " + maxAttempts);
        }
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("maxBackoff (" + maxBackoff + ") must not be shorter than initialBackoff ("
                    + initialBackoff + ")");
        }
        if (acquireTimeout.compareTo(requestTimeout) < 0) {
            throw new IllegalArgumentException("acquireTimeout (" + acquireTimeout
                    + ") must be at least requestTimeout (" + requestTimeout + "): callers would give up on every slow request");
        }
        if (refreshAhead.compareTo(expirySkew) < 0) {
            throw new IllegalArgumentException("refreshAhead (" + refreshAhead + ") must be at least expirySkew ("
                    + expirySkew + "): a token would stop being handed out before its renewal starts");
        }
        if (maximumKeys < 1) {
            throw new IllegalArgumentException("maximumKeys must be positive, was " + maximumKeys);
        }
    }

    /** Parameter names of {@link #fromParameters} ({@code web.xml} init-params and the like). */
    public static final String CLIENT_ID = "client-id";
    public static final String ISSUER = "issuer";
    public static final String TOKEN_ENDPOINT = "token-endpoint";
    public static final String CLIENT_AUTH = "client-auth";
    public static final String CLIENT_SECRET_FILE = "client-secret-file";
    public static final String CLIENT_KEY_FILE = "client-key-file";
    public static final String CLIENT_CERTIFICATE_FILE = "client-certificate-file";
    public static final String TRUST_ANCHORS_FILE = "trust-anchors-file";
    public static final String USER_GRANT = "user-grant";
    public static final String CLIENT_GRANT = "client-grant";
    public static final String CONNECT_TIMEOUT = "connect-timeout";
    public static final String REQUEST_TIMEOUT = "request-timeout";
    public static final String ACQUIRE_TIMEOUT = "acquire-timeout";
    public static final String MAX_ATTEMPTS = "max-attempts";
    public static final String REFRESH_AHEAD = "refresh-ahead";
    public static final String EXPIRY_SKEW = "expiry-skew";

    /**
     * Reads the configuration from named parameters, as {@code web.xml} init-params supply them:
     * {@value #CLIENT_ID} (required), {@value #ISSUER} or {@value #TOKEN_ENDPOINT}, {@value #CLIENT_AUTH}
     * ({@code client_secret_basic}, …), {@value #CLIENT_SECRET_FILE}, {@value #CLIENT_KEY_FILE} (PEM) with
     * {@value #CLIENT_CERTIFICATE_FILE} (PEM chain), {@value #TRUST_ANCHORS_FILE}, {@value #USER_GRANT}
     * ({@code jwt-bearer}, {@code saml2-bearer}), {@value #CLIENT_GRANT}, and the durations (seconds or
     * ISO-8601) {@value #CONNECT_TIMEOUT}, {@value #REQUEST_TIMEOUT}, {@value #ACQUIRE_TIMEOUT},
     * {@value #REFRESH_AHEAD}, {@value #EXPIRY_SKEW}, and {@value #MAX_ATTEMPTS}. Absent names take their
     * defaults; third-party assertions need code ({@link Builder#assertionSource}).
     *
     * @throws IllegalArgumentException naming the parameter to fix
     */
    public static TokenAgentConfig fromParameters(java.util.function.Function<String, String> parameters) {
        return TokenAgentParameters.read(parameters);
    }

    /** A builder for client {@code clientId}; set the issuer or the token endpoint, and the credentials. */
    public static Builder builder(String clientId) {
        return new Builder(clientId);
    }

    /** Whether the agent presents a client certificate in TLS (and so its tokens may be bound to it). */
    public boolean presentsCertificate() {
        return keyMaterial.isPresent();
    }

    /**
     * Whether the agent can obtain tokens for users: it mints their assertions with its key, or the
     * application supplies them. Without either it serves calls made as the client only.
     */
    public boolean canAssertUsers() {
        return keyMaterial.isPresent() || assertionSource.isPresent();
    }

    @Override
    public String toString() {
        return "TokenAgentConfig[client " + clientId + ", " + clientAuth.value() + ", "
                + tokenEndpoint.map(URI::toString).orElseGet(() -> "issuer " + issuer.orElseThrow())
                + ", user grant " + userGrant.grantType() + ", client grant " + clientGrant.grantType()
                + (clientSecret.isPresent() ? ", secret hidden" : "") + keyMaterial.map(k -> ", " + k).orElse("") + "]";
    }

    /** Builds a {@link TokenAgentConfig}; each setter checks its value. Not thread-safe. */
    public static final class Builder {
        private Optional<URI> issuer = Optional.empty();
        private Optional<URI> tokenEndpoint = Optional.empty();
        private final String clientId;
        private ClientAuth clientAuth = ClientAuth.CLIENT_SECRET_BASIC;
        private Optional<String> clientSecret = Optional.empty();
        private Optional<ClientKeyMaterial> keyMaterial = Optional.empty();
        private List<X509Certificate> trustAnchors = List.of();
        private UserGrant userGrant = UserGrant.JWT_BEARER;
        private ClientGrant clientGrant = ClientGrant.CLIENT_CREDENTIALS;
        private Optional<AssertionSource> assertionSource = Optional.empty();
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration requestTimeout = Duration.ofSeconds(10);
        private Duration acquireTimeout = Duration.ofSeconds(15);
        private int maxAttempts = 3;
        private Duration initialBackoff = Duration.ofMillis(200);
        private Duration maxBackoff = Duration.ofSeconds(2);
        private Duration refreshAhead = Duration.ofMinutes(2);
        private Duration expirySkew = Duration.ofSeconds(30);
        private Duration assertionLifetime = Duration.ofMinutes(2);
        private int maximumKeys = 10_000;
        private Duration idleExpiry = Duration.ofHours(1);

        private Builder(String clientId) {
            if (clientId == null || clientId.isBlank()) {
                throw new IllegalArgumentException("clientId must be non-empty");
            }
            this.clientId = clientId;
        }

        /** Discover the token endpoint from this issuer's RFC 8414 metadata (an https URL). */
        public Builder issuer(String value) {
            this.issuer = Optional.of(TokenAgentConfigChecks.https(value, "issuer"));
            return this;
        }

        /** Use this token endpoint (an https URL) instead of discovering it. */
        public Builder tokenEndpoint(String value) {
            this.tokenEndpoint = Optional.of(TokenAgentConfigChecks.https(value, "tokenEndpoint"));
            return this;
        }

        public Builder clientAuth(ClientAuth value) {
            this.clientAuth = Objects.requireNonNull(value, "clientAuth");
            return this;
        }

        public Builder clientSecret(String value) {
            if (value == null || value.isEmpty()) {
                throw new IllegalArgumentException("clientSecret must be non-empty");
            }
            this.clientSecret = Optional.of(value);
            return this;
        }

        public Builder keyMaterial(ClientKeyMaterial value) {
            this.keyMaterial = Optional.of(Objects.requireNonNull(value, "keyMaterial"));
            return this;
        }

        public Builder trustAnchors(List<X509Certificate> value) {
            this.trustAnchors = List.copyOf(value);
            return this;
        }

        public Builder userGrant(UserGrant value) {
            this.userGrant = Objects.requireNonNull(value, "userGrant");
            return this;
        }

        public Builder clientGrant(ClientGrant value) {
            this.clientGrant = Objects.requireNonNull(value, "clientGrant");
            return this;
        }

        /** Present the application's own (third-party) user assertions instead of minting them. */
        public Builder assertionSource(AssertionSource value) {
            this.assertionSource = Optional.of(Objects.requireNonNull(value, "assertionSource"));
            return this;
        }

        public Builder connectTimeout(Duration value) {
            this.connectTimeout = TokenAgentConfigChecks.positive(value, "connectTimeout");
            return this;
        }

        public Builder requestTimeout(Duration value) {
            this.requestTimeout = TokenAgentConfigChecks.positive(value, "requestTimeout");
            return this;
        }

        public Builder acquireTimeout(Duration value) {
            this.acquireTimeout = TokenAgentConfigChecks.positive(value, "acquireTimeout");
            return this;
        }

        /** Attempts per token request and the back-off between them (initial, doubled, capped). */
        public Builder retries(int attempts, Duration initial, Duration max) {
            this.maxAttempts = attempts;
            this.initialBackoff = TokenAgentConfigChecks.positive(initial, "initialBackoff");
            this.maxBackoff = TokenAgentConfigChecks.positive(max, "maxBackoff");
            return this;
        }

        /** Attempts per token request where retrying can help, 1 to 10 (default 3). */
        public Builder maxAttempts(int value) {
            this.maxAttempts = value;
            return this;
        }

        public Builder refreshAhead(Duration value) {
            this.refreshAhead = TokenAgentConfigChecks.notNegative(value, "refreshAhead");
            return this;
        }

        public Builder expirySkew(Duration value) {
            this.expirySkew = TokenAgentConfigChecks.notNegative(value, "expirySkew");
            return this;
        }

        public Builder assertionLifetime(Duration value) {
            this.assertionLifetime = TokenAgentConfigChecks.positive(value, "assertionLifetime");
            return this;
        }

        public Builder maximumKeys(int value) {
            this.maximumKeys = value;
            return this;
        }

        public Builder idleExpiry(Duration value) {
            this.idleExpiry = TokenAgentConfigChecks.positive(value, "idleExpiry");
            return this;
        }

        /** @throws IllegalArgumentException naming the option to fix */
        public TokenAgentConfig build() {
            return new TokenAgentConfig(issuer, tokenEndpoint, clientId, clientAuth, clientSecret, keyMaterial,
                    trustAnchors, userGrant, clientGrant, assertionSource, connectTimeout, requestTimeout, acquireTimeout,
                    maxAttempts, initialBackoff, maxBackoff, refreshAhead, expirySkew, assertionLifetime, maximumKeys,
                    idleExpiry);
        }
    }
}
