package io.tokengate.it.container;

import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Map;

/** Introspection, revocation and key rotation end to end, the resource filter in real embedded Tomcat 11. */
class TomcatAuthorizationServerTest extends AuthorizationServerContainerTest {
    @Override
    ServletContainer start(Map<String, Path> webapps, KeyStore keyStore, Path work) throws Exception {
        return TomcatContainer.start(webapps, keyStore, ALIAS, PASSWORD, work.resolve("tomcat"));
    }
}
