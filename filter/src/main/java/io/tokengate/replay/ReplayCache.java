package io.tokengate.replay;

import java.time.Instant;

/**
 * Remembers the identifiers of single-use artefacts — SAML assertion IDs, JWT assertion and
 * client assertion {@code jti} values — until they expire (RFC 7521 §5.2, RFC 7523 §3 item 7,
 * RFC 7522 §3 item 8). Callers record an identifier only after its signature and every claim
 * have been verified, so forged input never reaches the cache. Thread-safe; the "Durable and
 * clustered state" work shares it across nodes.
 */
public interface ReplayCache {

    /**
     * Records {@code id} as used in {@code namespace} until {@code expiresAt}.
     *
     * @return {@code true} when this is the first use, {@code false} when it was already recorded (a replay)
     */
    boolean markUsed(String namespace, String id, Instant expiresAt);
}
