package io.tokengate.it.sidecar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokengate.demo.DemoOptions;
import io.tokengate.demo.GatewayServer;
import io.tokengate.demo.sidecar.SidecarScripts;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's sidecar walkthrough as a user runs it: the script the gateway writes starts
 * application B, both sidecars and application A as separate processes against the running
 * gateway, and its three curl calls show alice reaching B, the ingress refusing a call without a
 * token, and a forged identity header not reaching B.
 */
class SidecarWalkthroughScriptTest {
    private static final long TIMEOUT_SECONDS = 300;

    @TempDir
    Path data;

    @Test
    void walkthroughScriptWhenRunAgainstTheGatewayThenAliceReachesBAndTheRefusalsShow() throws Exception {
        String output;
        try (GatewayServer gateway = GatewayServer.start(DemoOptions.of(data, 0))) {
            output = run(data.resolve(SidecarScripts.WALKTHROUGH), freeBasePort());
        }

        String[] parts = output.split("(?m)^[123]\\. ");
        assertEquals(4, parts.length, output);
        assertTrue(parts[1].contains("{\"signed_in_at_a\":\"alice\",\"b_status\":200,\"b\":{\"app\":\"B\",\"subject\":\"alice\","
                + "\"client_id\":\"demo-app-a\""), output);
        assertTrue(parts[2].contains("HTTP/1.1 401") && parts[2].contains("WWW-Authenticate: Bearer realm=\"app-b\""), output);
        assertTrue(parts[3].contains("\"subject\":\"alice\",\"client_id\":\"demo-app-a\"") && !parts[3].contains("evil-app\""),
                output);
    }

    /** Runs {@code sh script base}; on a timeout it is sent SIGTERM first, so its trap stops the processes it started. */
    private static String run(Path script, int base) throws IOException, InterruptedException {
        Path out = Files.createTempFile("walkthrough", ".txt");
        Process process = new ProcessBuilder("/bin/sh", script.toString(), String.valueOf(base))
                .directory(script.getParent().toFile()).redirectErrorStream(true).redirectOutput(out.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            throw new AssertionError("the walkthrough did not finish within " + TIMEOUT_SECONDS + " s:\n"
                    + Files.readString(out, StandardCharsets.UTF_8));
        }
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    /** A base port whose four ports were free a moment ago (the script needs fixed ones). */
    private static int freeBasePort() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int base = ThreadLocalRandom.current().nextInt(20_000, 30_000);
            try (ServerSocket a = bind(base); ServerSocket b = bind(base + 1); ServerSocket c = bind(base + 2);
                    ServerSocket d = bind(base + 3)) {
                return base;
            } catch (IOException taken) {
                // try another range
            }
        }
        throw new IOException("no four consecutive free ports found");
    }

    private static ServerSocket bind(int port) throws IOException {
        return new ServerSocket(port, 1, InetAddress.getLoopbackAddress());
    }
}
