package io.tokengate.store.jdbc;

import io.tokengate.testing.TestDatabase;

/** The store contracts, and the JDBC stores' own, against a real PostgreSQL, in a schema with a random name per test (dropped afterwards). */
class PostgresStoreContractsTest extends JdbcStoreContracts {
    PostgresStoreContractsTest() {
        super(TestDatabase::postgres);
    }
}
