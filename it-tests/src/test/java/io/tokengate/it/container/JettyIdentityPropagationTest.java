package io.tokengate.it.container;

import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Map;

/** The identity-propagation suite in real Jetty 12 (ee10 {@code WebAppContext}, a {@code HashLoginService}). */
class JettyIdentityPropagationTest extends IdentityPropagationContainerTest {
    @Override
    ServletContainer start(Path webapp, KeyStore keyStore, Map<String, String> users, Path work) throws Exception {
        return JettyContainer.start(webapp, keyStore, PASSWORD, PropagationWebApp.REALM, users);
    }
}
