package io.tokengate.store.jdbc;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokengate.config.DatabaseConfig;
import io.tokengate.store.StoreUnavailableException;
import io.tokengate.testing.TestDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DatabaseTest {

    @Test
    void openWhenNothingListensThenStoreUnavailableNamingTheUrl() {
        String url = "jdbc:postgresql://127.0.0.1:1/test";
        StoreUnavailableException e = assertThrows(StoreUnavailableException.class,
                () -> Database.open(DatabaseConfig.of(url, Path.of("unused"))));

        assertTrue(e.getMessage().contains(url), e.getMessage());
    }

    @Test
    void runWhenPoolClosedThenStoreUnavailable() throws Exception {
        try (TestDatabase test = TestDatabase.h2()) {
            Database db = Database.open(test.config());
            db.close();

            assertThrows(StoreUnavailableException.class, () -> db.run("reading", c -> c.createStatement().execute("SELECT 1")));
        }
    }

    @Test
    void runWhenStatementWrongThenIllegalStateNotUnavailable() throws Exception {
        try (TestDatabase test = TestDatabase.h2(); Database db = Database.open(test.config())) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> db.run("reading", c -> c.createStatement().execute("SELECT * FROM no_such_table")));

            assertTrue(e.getMessage().startsWith("reading failed"), e.getMessage());
        }
    }
}
