package io.tokengate.it.container;

import java.nio.file.Path;
import java.security.KeyStore;

/** The bearer-filter suite in real embedded Tomcat 11 ({@code Tomcat.addWebapp}). */
class TomcatBearerTokenFilterTest extends BearerTokenFilterContainerTest {
    @Override
    ServletContainer start(Path webapp, KeyStore keyStore, Path work) throws Exception {
        return TomcatContainer.start(webapp, keyStore, ALIAS, PASSWORD, work.resolve("tomcat"));
    }
}
