package io.tokengate.it.container;

import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Map;

/** The identity-propagation suite in real embedded Tomcat 11 (its default realm holding the users). */
class TomcatIdentityPropagationTest extends IdentityPropagationContainerTest {
    @Override
    ServletContainer start(Path webapp, KeyStore keyStore, Map<String, String> users, Path work) throws Exception {
        return TomcatContainer.start(webapp, keyStore, "server", PASSWORD, work.resolve("tomcat"), users);
    }
}
