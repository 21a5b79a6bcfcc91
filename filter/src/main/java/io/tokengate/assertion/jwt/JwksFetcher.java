package io.tokengate.assertion.jwt;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import io.tokengate.error.ErrorCode;
import io.tokengate.error.OAuth2Exception;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches an issuer's JWKS from its {@code jwks_uri} and caches it (Caffeine) for a configured
 * time. An unknown {@code kid} triggers a refetch at most once per minimum interval per URI, so
 * a flood of junk kids cannot turn the server into a request amplifier; when the issuer is
 * unreachable the last keys are served until their time to live ends. Both the time to live and
 * the refetch interval run on the injected {@link Clock}. Thread-safe.
 */
public final class JwksFetcher {
    private static final Logger LOG = LoggerFactory.getLogger(JwksFetcher.class);
    private static final int MAX_BYTES = 512 * 1024;

    private final HttpClient http;
    private final Clock clock;
    private final Duration refetchInterval;
    private final Duration timeout;
    private final Cache<URI, JWKSet> cache;
    private final Map<URI, Instant> lastFetch = new ConcurrentHashMap<>();

    public JwksFetcher(HttpClient http, Clock clock, Duration ttl, Duration refetchInterval, Duration timeout) {
        this.http = http;
        this.clock = clock;
        this.refetchInterval = refetchInterval;
        this.timeout = timeout;
        this.cache = Caffeine.newBuilder().ticker(() -> {
            Instant now = clock.instant();
            return now.getEpochSecond() * 1_000_000_000L + now.getNano();
        }).expireAfterWrite(ttl).maximumSize(1_000).build();
    }

    public List<JWK> keys(URI uri, String kid) {
        JWKSet set = cache.getIfPresent(uri);
        boolean unknownKid = set != null && kid != null && set.getKeyByKeyId(kid) == null;
        if (set == null || unknownKid && mayRefetch(uri)) {
            JWKSet fetched = fetch(uri, set);
            if (fetched != null) {
                set = fetched;
            }
        }
        return set == null ? List.of() : set.getKeys();
    }

    private boolean mayRefetch(URI uri) {
        Instant last = lastFetch.get(uri);
        return last == null || !clock.instant().isBefore(last.plus(refetchInterval));
    }

    private JWKSet fetch(URI uri, JWKSet stale) {
        lastFetch.put(uri, clock.instant());
        try {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(uri).timeout(timeout)
                    .header("Accept", "application/jwk-set+json, application/json").GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200 || response.body().length > MAX_BYTES) {
                throw new IOException("HTTP " + response.statusCode() + " with " + response.body().length + " bytes");
            }
            JWKSet set = JWKSet.parse(new String(response.body(), java.nio.charset.StandardCharsets.UTF_8)).toPublicJWKSet();
            cache.put(uri, set);
            return set;
        } catch (IOException | ParseException e) {
            LOG.warn("Could not fetch the JWKS at {}: {}", uri, e.getMessage());
            if (stale == null) {
                throw new OAuth2Exception(ErrorCode.INVALID_GRANT, "the keys of the assertion issuer could not be"
                        + " fetched from " + uri + "; try again later");
            }
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
