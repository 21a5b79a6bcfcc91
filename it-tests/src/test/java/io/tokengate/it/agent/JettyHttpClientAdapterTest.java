package io.tokengate.it.agent;

import io.tokengate.agent.jetty.JettyTokenAgent;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertThrows;

/** The Jetty {@code HttpClient} adapter under the {@link AdapterContract}. */
class JettyHttpClientAdapterTest extends AdapterContract {
    private HttpClient jetty;

    @Override
    Answer get(URI uri) throws Exception {
        if (jetty == null) {
            jetty = new HttpClient();
            jetty.setSslContextFactory(JettyTokenAgent.sslContextFactory(outbound));
            jetty.start();
        }
        JettyTokenAgent tokens = JettyTokenAgent.install(jetty, outbound);
        HttpClient client = jetty;
        ContentResponse response = tokens.send(() -> client.newRequest(uri).timeout(10, TimeUnit.SECONDS));
        jetty.getRequestListeners().clear(); // each call installs afresh
        return new Answer(response.getStatus(), response.getContentAsString());
    }

    @AfterEach
    void stopClient() throws Exception {
        if (jetty != null) {
            jetty.stop();
            jetty = null;
        }
    }

    @Test
    void installWhenClientDoesNotPresentTheAgentCertificateThenRefused() throws Exception {
        HttpClient plain = new HttpClient();
        plain.start();
        try {
            assertThrows(IllegalArgumentException.class, () -> JettyTokenAgent.install(plain, outbound));
        } finally {
            plain.stop();
        }
    }
}
