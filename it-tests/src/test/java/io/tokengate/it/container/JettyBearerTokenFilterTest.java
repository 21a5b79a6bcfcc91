package io.tokengate.it.container;

import java.nio.file.Path;
import java.security.KeyStore;

/** The bearer-filter suite in real Jetty 12 (ee10 {@code WebAppContext}). */
class JettyBearerTokenFilterTest extends BearerTokenFilterContainerTest {
    @Override
    ServletContainer start(Path webapp, KeyStore keyStore, Path work) throws Exception {
        return JettyContainer.start(webapp, keyStore, PASSWORD);
    }
}
