/**
 * What every durable store shares: {@link io.tokengate.store.StoreUnavailableException}, the
 * signal that the database cannot be reached, which the endpoints answer with 503
 * {@code temporarily_unavailable}. The JDBC implementations live in {@code store.jdbc}.
 */
package io.tokengate.store;
