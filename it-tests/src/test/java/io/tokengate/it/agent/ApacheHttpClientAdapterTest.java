package io.tokengate.it.agent;

import io.tokengate.agent.apache.TokenAgentExecHandler;
import java.net.URI;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.io.entity.EntityUtils;

/** The Apache HttpClient 5 adapter under the {@link AdapterContract}. */
class ApacheHttpClientAdapterTest extends AdapterContract {

    @Override
    Answer get(URI uri) throws Exception {
        try (CloseableHttpClient http = TokenAgentExecHandler.httpClientBuilder(outbound).build()) {
            return http.execute(new HttpGet(uri), response -> new Answer(response.getCode(),
                    response.getEntity() == null ? "" : EntityUtils.toString(response.getEntity())));
        }
    }
}
