/**
 * The JDBC stores (issue "Durable and clustered state"): one class per store interface, all on one
 * pooled {@link io.tokengate.store.jdbc.Database} (HikariCP) whose schema Flyway creates and
 * migrates from {@code io/tokengate/store/jdbc/migration} (SQL valid for H2 and PostgreSQL).
 * {@link io.tokengate.store.jdbc.JdbcStores} opens them all from a
 * {@link io.tokengate.config.DatabaseConfig} and runs the background work: purging expired rows,
 * reloading the denylist and rotating signing keys when due. Reads that every token request makes
 * (clients, roles, users, signing keys) are served from Caffeine caches whose time-to-live is the
 * documented propagation delay between nodes; writes that must be exact across nodes (refresh
 * token rotation, replay records) always go to the database.
 */
package io.tokengate.store.jdbc;
