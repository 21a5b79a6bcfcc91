package io.tokengate.it;

import static io.tokengate.it.support.AccessTokens.assertTokenResponse;
import static io.tokengate.it.support.AccessTokens.assertTokenResponseWithRefreshToken;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokengate.config.DatabaseConfig;
import io.tokengate.demo.DemoIdentities;
import io.tokengate.demo.DemoSetup;
import io.tokengate.demo.GatewayServer;
import io.tokengate.it.support.Gateways;
import io.tokengate.it.support.HttpAnswer;
import io.tokengate.it.support.Https;
import io.tokengate.it.support.TcpProxy;
import io.tokengate.it.support.TlsClients;
import io.tokengate.testing.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The database goes away under a running gateway (a TCP proxy in front of the real PostgreSQL is
 * closed, so other users of that PostgreSQL are untouched) and comes back.
 */
class DatabaseOutageTest {
    @TempDir
    Path data;

    private TestDatabase database;
    private TcpProxy proxy;
    private GatewayServer gateway;

    @AfterEach
    void stop() throws Exception {
        try {
            if (gateway != null) {
                gateway.close();
            }
            if (proxy != null) {
                proxy.close();
            }
        } finally {
            database.close();
        }
    }

    @Test
    void tokenRequestWhenDatabaseDownThen503JsonWhileApiKeepsValidatingAndRecoversByItself() throws Exception {
        database = TestDatabase.postgres();
        DatabaseConfig direct = database.config();
        URI target = URI.create(TestDatabase.postgresUrl().substring("jdbc:".length()));
        proxy = new TcpProxy(target.getHost(), target.getPort() < 0 ? 5432 : target.getPort()).start();
        DatabaseConfig proxied = new DatabaseConfig(direct.jdbcUrl().replace("//" + target.getAuthority() + "/",
                "//127.0.0.1:" + proxy.port() + "/"), direct.user(), direct.password(), direct.poolSize(),
                direct.cacheTtl(), direct.keyEncryptionKeyFile(), direct.keyRotationPeriod(), direct.purgeInterval());
        gateway = Gateways.node(data, proxied);
        HttpClient client = TlsClients.httpClient(TlsClients.trusting(data.resolve(TlsClients.CA_CERT)));
        String token = Gateways.url(gateway) + "/oauth2/v1/token";
        String basic = Https.basic(DemoIdentities.WEB_APP_ID, read(DemoIdentities.WEB_APP_SECRET_FILE));
        String accessToken = (String) assertTokenResponse(Https.postForm(client, token,
                "grant_type=client_credentials&scope=" + DemoSetup.READ_SCOPE, "Authorization",
                Https.basic(DemoSetup.SECRET_CLIENT_ID, read(DemoSetup.SECRET_FILE))), DemoSetup.READ_SCOPE)
                .get("access_token");
        String refreshToken = (String) assertTokenResponseWithRefreshToken(Https.postForm(client, token,
                Https.form("grant_type", "password", "username", DemoIdentities.USER, "password",
                        read(DemoIdentities.USER_PASSWORD_FILE), "scope", DemoSetup.READ_SCOPE + " offline_access"),
                "Authorization", basic), DemoSetup.READ_SCOPE + " offline_access").get("refresh_token");
        String refresh = Https.form("grant_type", "refresh_token", "refresh_token", refreshToken);

        proxy.stop();
        HttpAnswer down = Https.postForm(client, token, refresh, "Authorization", basic);
        HttpAnswer api = Https.request(client, "GET", Gateways.url(gateway) + "/api/orders", "Authorization",
                "Bearer " + accessToken);

        assertEquals(503, down.status(), down::toString);
        assertEquals("application/json", down.mediaType());
        assertEquals("temporarily_unavailable", down.json().get("error"));
        assertTrue(down.header("Retry-After").isPresent(), "Retry-After");
        assertEquals("no-store", down.header("Cache-Control").orElse(null));
        assertEquals(200, api.status(), () -> "the resource filter validates without the database: " + api);

        proxy.start();
        HttpAnswer back = Https.postForm(client, token, refresh, "Authorization", basic);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (back.status() == 503 && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
            back = Https.postForm(client, token, refresh, "Authorization", basic);
        }
        assertTokenResponseWithRefreshToken(back, DemoSetup.READ_SCOPE + " offline_access");
    }

    private String read(String file) throws java.io.IOException {
        return Files.readString(data.resolve(file), StandardCharsets.UTF_8).trim();
    }
}
