package io.tokengate.store.jdbc;

import io.tokengate.testing.TestDatabase;

/** The store contracts, and the JDBC stores' own, against an in-memory H2 database per test. */
class H2StoreContractsTest extends JdbcStoreContracts {
    H2StoreContractsTest() {
        super(TestDatabase::h2);
    }
}
