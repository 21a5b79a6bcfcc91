package io.tokengate.it.agent;

import io.tokengate.agent.jdk.TokenAgentHttpClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The {@code java.net.http.HttpClient} adapter, blocking and asynchronous, under the {@link AdapterContract}. */
class JdkHttpClientAdapterTest extends AdapterContract {

    @Override
    Answer get(URI uri) throws Exception {
        HttpClient http = TokenAgentHttpClient.wrap(HttpClient.newBuilder().sslContext(outbound.sslContext())
                .connectTimeout(Duration.ofSeconds(5)).build(), outbound);
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body());
    }

    @Test
    void sendAsyncWhenResourceRefusesTokenOnceThenOneRetryWithNewToken() throws Exception {
        HttpClient http = TokenAgentHttpClient.create(outbound, Duration.ofSeconds(5));
        get(URI.create(server.apiUrl()));
        server.reset();
        server.resource.refuseNext(1);

        HttpResponse<String> response = http.sendAsync(HttpRequest.newBuilder(URI.create(server.apiUrl()))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).get();

        assertEquals(200, response.statusCode(), response.body());
        assertEquals(2, server.resource.authorizations().size());
    }

    @Test
    void wrapWhenClientDoesNotPresentTheAgentCertificateThenRefused() {
        assertThrows(IllegalArgumentException.class, () -> TokenAgentHttpClient.wrap(HttpClient.newHttpClient(), outbound));
    }
}
