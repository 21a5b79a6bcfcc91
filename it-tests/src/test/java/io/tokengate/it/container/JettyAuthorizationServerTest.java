package io.tokengate.it.container;

import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Map;

/** Introspection, revocation and key rotation end to end, the resource filter in real Jetty 12 (ee10 {@code WebAppContext}). */
class JettyAuthorizationServerTest extends AuthorizationServerContainerTest {
    @Override
    ServletContainer start(Map<String, Path> webapps, KeyStore keyStore, Path work) throws Exception {
        return JettyContainer.start(webapps, keyStore, PASSWORD);
    }
}
