package io.tokengate.it;

import static io.tokengate.it.support.AccessTokens.assertTokenResponse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokengate.demo.DemoIdentities;
import io.tokengate.demo.DemoSetup;
import io.tokengate.it.support.HttpAnswer;
import io.tokengate.it.support.Https;
import io.tokengate.it.support.TlsClients;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real demo ({@code java -jar gateway-demo.jar}, H2 in its data directory) killed with SIGKILL
 * in the middle of a load of refresh token issuance and rotation, then started again: every refresh
 * token, revocation and registration it acknowledged is still there.
 */
class DemoRestartTest {
    private static final Pattern UP = Pattern.compile("is up at (https://\\S+)");
    private static final Path JAR = Path.of("..", "gateway-demo", "target", "gateway-demo.jar").toAbsolutePath();

    @TempDir
    Path data;

    private Process demo;

    @AfterEach
    void killDemo() throws InterruptedException {
        if (demo != null && demo.isAlive()) {
            demo.destroyForcibly();
            demo.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void restartWhenKilledMidLoadThenEveryAcknowledgedRefreshTokenRevocationAndRegistrationKept() throws Exception {
        assertTrue(Files.exists(JAR), "build gateway-demo first: " + JAR);
        String issuer = start("first.log", 0);
        HttpClient client = TlsClients.httpClient(TlsClients.trusting(data.resolve(TlsClients.CA_CERT)));
        String basic = Https.basic(DemoIdentities.WEB_APP_ID, read(DemoIdentities.WEB_APP_SECRET_FILE));
        String password = read(DemoIdentities.USER_PASSWORD_FILE);
        String secretClient = Https.basic(DemoSetup.SECRET_CLIENT_ID, read(DemoSetup.SECRET_FILE));
        String revoked = secretClientToken(client, issuer);
        String kept = secretClientToken(client, issuer);
        HttpAnswer revocation = Https.postForm(client, issuer + "/oauth2/v1/revoke", Https.form("token", revoked),
                "Authorization", secretClient);
        assertEquals(200, revocation.status(), revocation::toString);

        List<String> acknowledged = new CopyOnWriteArrayList<>();
        List<String[]> registered = new CopyOnWriteArrayList<>(); // client id, secret: 201 received
        String admin = "Bearer " + read(io.tokengate.demo.DemoClients.ADMIN_TOKEN_FILE);
        AtomicBoolean killed = new AtomicBoolean();
        ExecutorService load = Executors.newFixedThreadPool(5);
        load.submit(() -> {
            for (int n = 0; !killed.get(); n++) {
                try {
                    String id = "registered-under-load-" + n;
                    HttpAnswer answer = Https.post(client, issuer + io.tokengate.demo.DemoClients.REGISTRATION_PATH,
                            "application/json", "{\"client_id\": \"" + id + "\", \"application_type\": \"confidential\","
                            + " \"client_type\": \"confidential\", \"grant_types\": [\"client_credentials\"],"
                            + " \"token_endpoint_auth_methods\": [\"client_secret_basic\"], \"roles\": [\"OrdersReader\"]}",
                            "Authorization", admin);
                    if (answer.status() != 201) {
                        throw new IllegalStateException("registration refused: " + answer);
                    }
                    registered.add(new String[] {id, (String) answer.json().get("client_secret")});
                } catch (RuntimeException | AssertionError e) {
                    if (!killed.get()) {
                        throw e;
                    }
                }
            }
            return null;
        });
        for (int w = 0; w < 4; w++) {
            load.submit(() -> {
                while (!killed.get()) {
                    try {
                        String first = refreshTokenOf(Https.postForm(client, issuer + "/oauth2/v1/token",
                                Https.form("grant_type", "password", "username", DemoIdentities.USER, "password",
                                        password, "scope", DemoSetup.READ_SCOPE + " offline_access"),
                                "Authorization", basic));
                        String second = refreshTokenOf(Https.postForm(client, issuer + "/oauth2/v1/token",
                                Https.form("grant_type", "refresh_token", "refresh_token", first),
                                "Authorization", basic));
                        acknowledged.add(second); // the client holds this one; the first is spent
                    } catch (RuntimeException | AssertionError e) {
                        if (!killed.get()) {
                            throw e;
                        }
                    }
                }
                return null;
            });
        }
        Instant deadline = Instant.now().plus(Duration.ofSeconds(180));
        while (acknowledged.size() < 20 && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
        killed.set(true);
        new ProcessBuilder("kill", "-KILL", Long.toString(demo.pid())).inheritIO().start().waitFor(10, TimeUnit.SECONDS);
        assertTrue(demo.waitFor(10, TimeUnit.SECONDS), "the demo died of SIGKILL");
        load.shutdown();
        assertTrue(load.awaitTermination(60, TimeUnit.SECONDS));
        List<String> held = List.copyOf(acknowledged);
        assertTrue(held.size() >= 20, "load ran: " + held.size() + " refresh tokens acknowledged");

        // the same port, so the issuer and the tokens it signed stay the same
        String restarted = start("second.log", java.net.URI.create(issuer).getPort());
        assertEquals(issuer, restarted);
        for (String token : held) {
            HttpAnswer answer = Https.postForm(client, restarted + "/oauth2/v1/token",
                    Https.form("grant_type", "refresh_token", "refresh_token", token), "Authorization", basic);
            assertEquals(200, answer.status(), () -> "acknowledged refresh token lost in the restart: " + answer);
        }
        assertTrue(registered.size() >= 1, "registrations ran under the load");
        for (String[] c : List.copyOf(registered)) {
            assertTokenResponse(Https.postForm(client, restarted + "/oauth2/v1/token", "grant_type=client_credentials",
                    "Authorization", Https.basic(c[0], c[1])), DemoSetup.READ_SCOPE);
        }
        HttpAnswer introspection = Https.postForm(client, restarted + "/oauth2/v1/introspect",
                Https.form("token", revoked), "Authorization", secretClient);
        HttpAnswer control = Https.postForm(client, restarted + "/oauth2/v1/introspect",
                Https.form("token", kept), "Authorization", secretClient);
        assertEquals(Boolean.FALSE, introspection.json().get("active"), "the revocation survived: " + introspection);
        assertEquals(Boolean.TRUE, control.json().get("active"), "the signing key survived: " + control);
        assertTokenResponse(Https.postForm(client, restarted + "/oauth2/v1/token",
                "grant_type=client_credentials&scope=" + DemoSetup.READ_SCOPE, "Authorization",
                Https.basic(DemoSetup.SECRET_CLIENT_ID, read(DemoSetup.SECRET_FILE))), DemoSetup.READ_SCOPE);
    }

    private String start(String log, int port) throws IOException, InterruptedException {
        Path out = data.resolveSibling(data.getFileName() + "-" + log);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        demo = new ProcessBuilder(java, "-Xmx160m", "-jar", JAR.toString(), "--data", data.toString(), "--port",
                Integer.toString(port))
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(240)); // a shared, loaded machine starts slowly
        while (Instant.now().isBefore(deadline) && demo.isAlive()) {
            Matcher m = UP.matcher(Files.exists(out) ? Files.readString(out, StandardCharsets.UTF_8) : "");
            if (m.find()) {
                return m.group(1);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the demo did not start: " + Files.readString(out, StandardCharsets.UTF_8));
    }

    private static String refreshTokenOf(HttpAnswer answer) {
        if (answer.status() != 200) {
            throw new IllegalStateException("refused: " + answer);
        }
        return (String) answer.json().get("refresh_token");
    }

    private String secretClientToken(HttpClient client, String issuer) throws IOException {
        return (String) assertTokenResponse(Https.postForm(client, issuer + "/oauth2/v1/token",
                "grant_type=client_credentials&scope=" + DemoSetup.READ_SCOPE, "Authorization",
                Https.basic(DemoSetup.SECRET_CLIENT_ID, read(DemoSetup.SECRET_FILE))), DemoSetup.READ_SCOPE)
                .get("access_token");
    }

    private String read(String file) throws IOException {
        return Files.readString(data.resolve(file), StandardCharsets.UTF_8).trim();
    }
}
