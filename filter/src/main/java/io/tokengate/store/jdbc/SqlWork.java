package io.tokengate.store.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

/** A unit of JDBC work on one connection, inside or outside a transaction. */
@FunctionalInterface
interface SqlWork<T> {
    T run(Connection connection) throws SQLException;
}
