package io.tokengate.it.support;

import io.tokengate.config.DatabaseConfig;
import io.tokengate.demo.DemoOptions;
import io.tokengate.demo.GatewayServer;
import java.nio.file.Path;
import java.util.Optional;

/** Gateway nodes of one fleet: the demo gateway on a shared database and a shared issuer. */
public final class Gateways {
    /** The issuer every node of a test fleet shares, as if behind one load balancer. */
    public static final String FLEET_ISSUER = "https://tokengate-fleet.test";

    private Gateways() {
    }

    /** A node on {@code database} serving from {@code data} (PKI and key-encryption key shared by the fleet). */
    public static GatewayServer node(Path data, DatabaseConfig database) throws Exception {
        return GatewayServer.start(DemoOptions.of(data, 0).withCluster(new DemoOptions.Cluster(
                Optional.of(database.jdbcUrl()), database.user(), database.password(), Optional.of(FLEET_ISSUER),
                false)));
    }

    /** Where to reach {@code node} itself (the issuer URL names the fleet). */
    public static String url(GatewayServer node) {
        return "https://localhost:" + node.port();
    }
}
