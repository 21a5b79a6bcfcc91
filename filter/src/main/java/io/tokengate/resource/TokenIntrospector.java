package io.tokengate.resource;

import com.nimbusds.jwt.JWTClaimsSet;
import java.io.IOException;
import java.net.http.HttpClient;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Validates bearer tokens by asking the authorization server (RFC 7662 token introspection)
 * instead of checking a signature: for opaque tokens, or for every token when revocations must
 * take effect within seconds (see {@link IntrospectionMode}).
 * <ul>
 * <li>{@code active: false}: 401 {@code invalid_token} ("not active").</li>
 * <li>{@code active: true}: the answer's members get the checks of a JWT's claims: {@code iss}
 *     (when present) is the configured issuer, {@code aud} contains this resource server,
 *     {@code exp} (required) and {@code nbf} with skew, {@code sub} and {@code client_id} present,
 *     {@code cnf} only {@code x5t#S256} (RFC 8705 §3.2, checked against the request's certificate
 *     by the filter, like the scopes). {@code token_type} must be {@code Bearer}: Tokengate, like
 *     most servers, gives refresh tokens no token type, so a refresh token is never taken for an
 *     access token.</li>
 * <li>The endpoint unreachable, or answering an error or nonsense: <b>fail closed</b> with 503
 *     {@code temporarily_unavailable} and {@code Retry-After} (the token may well be good, so the
 *     client is told to retry, not to get a new token), and one WARN log line saying what failed.
 *     Never a stack trace to the client; never the token in the log.</li>
 * </ul>
 * Answers are cached by token digest ({@link IntrospectionCache}): an acceptable token until the
 * sooner of its {@code exp} and {@code introspection-cache-ttl} after the answer, anything refused
 * for {@code introspection-inactive-ttl}, at most {@code cache-max-size} answers ({@code 0}: none
 * kept). So a token revoked at the authorization server is refused once its cached answer
 * expires. Concurrent requests with one token share one introspection either way.
 * Thread-safe.
 */
public final class TokenIntrospector {
    private static final Logger LOG = LoggerFactory.getLogger(TokenIntrospector.class);

    private final IntrospectionMode mode;
    private final IntrospectionClient client;
    private final IntrospectionCache cache;
    private final ClaimChecks checks;
    private final String issuer;
    private final Duration activeTtl;
    private final Duration inactiveTtl;
    private final Clock clock;

    TokenIntrospector(ResourceServerConfig config, IntrospectionClient client, Clock clock) {
        IntrospectionSettings s = config.introspection();
        this.mode = s.mode();
        this.client = Objects.requireNonNull(client, "client");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.checks = new ClaimChecks(config.audience(), config.clockSkew());
        this.issuer = config.issuer();
        boolean keep = config.cacheMaxSize() > 0; // cache-max-size 0 turns this cache off too
        this.activeTtl = keep ? s.activeTtl() : Duration.ZERO;
        this.inactiveTtl = keep ? s.inactiveTtl() : Duration.ZERO;
        this.cache = new IntrospectionCache(config.cacheMaxSize(), clock, s.timeout().multipliedBy(2).plusSeconds(1));
    }

    /**
     * An introspector for {@code config}, talking through {@code http} (see
     * {@link JwksKeySource#httpClient}) to the configured endpoint or the one the issuer's
     * metadata names.
     */
    public static TokenIntrospector fromConfig(ResourceServerConfig config, HttpClient http, Clock clock) {
        return fromConfig(config, http, new MetadataDiscovery(config.issuer(), config.metadataUri(), http,
                config.introspection().timeout()), clock);
    }

    static TokenIntrospector fromConfig(ResourceServerConfig config, HttpClient http, MetadataDiscovery discovery,
            Clock clock) {
        IntrospectionSettings s = config.introspection();
        return new TokenIntrospector(config, new IntrospectionClient(s.endpoint(), discovery, http,
                config.introspectionClientId(), s.clientSecret(), s.timeout()), clock);
    }

    /** Whether this token is for introspection rather than local validation, by its shape and the mode. */
    public boolean handles(String token) {
        return mode.introspects(token);
    }

    /**
     * @throws BearerTokenException {@code invalid_token} when inactive or unacceptable;
     *         {@code invalid_request} when not token68; {@code temporarily_unavailable} when the
     *         authorization server gave no usable answer
     */
    public ValidatedToken introspect(String token) {
        if (token.length() > AccessTokenValidator.MAX_TOKEN_LENGTH) {
            throw BearerTokenException.invalidToken("the access token is longer than "
                    + AccessTokenValidator.MAX_TOKEN_LENGTH + " characters");
        }
        Token68.check(token);
        return cache.get(TokenDigest.of(token), () -> ask(token)).tokenOrThrow();
    }

    /** Hit and miss counts of the answer cache. */
    public CacheStatistics cacheStatistics() {
        return cache.statistics();
    }

    private IntrospectionCache.Answer ask(String token) {
        Map<String, Object> answer;
        try {
            answer = client.introspect(token);
        } catch (IOException e) {
            LOG.warn("Token introspection failed, so the request is refused with 503 (fail closed): {}", e.getMessage());
            throw unavailable();
        }
        Instant now = clock.instant();
        if (!Boolean.TRUE.equals(answer.get("active"))) {
            return refused(BearerTokenException.invalidToken("the authorization server reports the access token as not"
                    + " active (RFC 7662): it is unknown, expired or revoked"), now);
        }
        try {
            ValidatedToken accepted = checks.checkIntrospected(claims(answer), now);
            Instant ttlEnd = now.plus(activeTtl);
            return new IntrospectionCache.Answer(accepted, null,
                    accepted.expiresAt().isBefore(ttlEnd) ? accepted.expiresAt() : ttlEnd);
        } catch (BearerTokenException e) {
            return refused(e, now);
        }
    }

    private IntrospectionCache.Answer refused(BearerTokenException e, Instant now) {
        return new IntrospectionCache.Answer(null, e, now.plus(inactiveTtl));
    }

    /** The answer as a claims set, after the checks only an introspection answer needs. */
    private JWTClaimsSet claims(Map<String, Object> answer) {
        Object type = answer.get("token_type");
        if (!(type instanceof String t) || !t.toLowerCase(Locale.ROOT).equals("bearer")) {
            throw BearerTokenException.invalidToken("the authorization server does not describe the token as a Bearer"
                    + " access token (token_type " + (type == null ? "missing" : "'" + Descriptions.shorten(
                    String.valueOf(type)) + "'") + "); a refresh token is not an access token");
        }
        Map<String, Object> members = new LinkedHashMap<>(answer);
        Object iss = members.putIfAbsent("iss", issuer);
        if (iss != null && !issuer.equals(iss)) {
            throw BearerTokenException.invalidToken("the access token was issued by '"
                    + Descriptions.shorten(String.valueOf(iss)) + "', not by " + issuer);
        }
        try {
            return JWTClaimsSet.parse(members);
        } catch (ParseException e) {
            throw BearerTokenException.invalidToken("the introspection answer has a malformed member: "
                    + Descriptions.shorten(e.getMessage()));
        }
    }

    static BearerTokenException unavailable() {
        return new BearerTokenException(BearerError.TEMPORARILY_UNAVAILABLE,
                "the authorization server could not be asked about the access token; try again later");
    }

    @Override
    public String toString() {
        return "TokenIntrospector[" + mode + " at " + client + "]";
    }
}
