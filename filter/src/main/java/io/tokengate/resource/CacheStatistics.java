package io.tokengate.resource;

/**
 * Counters of the validated-token cache since start, for monitoring: a low hit rate under load
 * means most requests pay for a signature verification (RFC 9068 §4 step 6).
 *
 * @param hits      validations answered from the cache
 * @param misses    validations that verified the token (including those that refused it)
 * @param evictions entries dropped for size (expired ones included)
 * @param size      entries now held, approximately
 */
public record CacheStatistics(long hits, long misses, long evictions, long size) {
    /** Hits per lookup, 1.0 when there was none. */
    public double hitRate() {
        long lookups = hits + misses;
        return lookups == 0 ? 1.0 : (double) hits / lookups;
    }
}
