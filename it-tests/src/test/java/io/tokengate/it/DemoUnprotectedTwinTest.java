package io.tokengate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokengate.demo.DemoOptions;
import io.tokengate.demo.GatewayServer;
import io.tokengate.it.support.Curl;
import io.tokengate.it.support.HttpAnswer;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's benchmarking aid {@code --benchmark-unprotected-path}: off by default, and when on it
 * serves the API's servlet a second time without the bearer filter while {@code /api} stays
 * protected. Over real TLS with curl.
 */
class DemoUnprotectedTwinTest {
    private static final String TWIN = "/bench-unprotected";

    @TempDir
    Path data;

    @Test
    void startWhenOptionGivenThenTwinAnswersWithoutTokenAndApiStillRefuses() throws Exception {
        try (GatewayServer gateway = GatewayServer.start(DemoOptions.of(data, 0).withBenchmarkUnprotectedPath(TWIN))) {
            HttpAnswer twin = get(gateway, TWIN + "/orders");
            assertEquals(200, twin.status(), twin::toString);
            assertEquals(TWIN + "/orders", twin.json().get("path"));
            assertNull(twin.json().get("subject"));
            assertNull(twin.json().get("auth_type"));
            assertEquals(List.of(), twin.json().get("scopes"));

            HttpAnswer api = get(gateway, "/api/orders");
            assertEquals(401, api.status(), api::toString);
            assertEquals("Bearer realm=\"demo-api\"", api.header("WWW-Authenticate").orElseThrow());
        }
    }

    @Test
    void startWhenOptionNotGivenThenNoTwin() throws Exception {
        try (GatewayServer gateway = GatewayServer.start(DemoOptions.of(data, 0))) {
            HttpAnswer twin = get(gateway, TWIN + "/orders");
            assertEquals(404, twin.status(), twin::toString);
        }
    }

    @Test
    void parseWhenOptionGivenThenPathKept() {
        DemoOptions options = DemoOptions.parse(new String[] {"--benchmark-unprotected-path", TWIN});
        assertEquals(Optional.of(TWIN), options.benchmarkUnprotectedPath());
        assertEquals(Optional.empty(), DemoOptions.parse(new String[0]).benchmarkUnprotectedPath());
    }

    @Test
    void parseWhenPathUnderProtectedApiThenRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DemoOptions.parse(new String[] {"--benchmark-unprotected-path", "/api/open"}));
        assertTrue(e.getMessage().contains("must not lie under /api"), e.getMessage());
    }

    @Test
    void parseWhenPathNotAPrefixThenRefused() {
        for (String bad : List.of("bench", "/", "/bench/*", "/bench/", "/a/../api")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> DemoOptions.parse(new String[] {"--benchmark-unprotected-path", bad}), bad);
            assertTrue(e.getMessage().contains("--benchmark-unprotected-path"), e.getMessage());
        }
    }

    private static HttpAnswer get(GatewayServer gateway, String path) {
        return Curl.shell(gateway.dataDirectory(), "curl -s -i --cacert cacert.crt " + gateway.issuer() + path);
    }
}
