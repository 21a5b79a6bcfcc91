package io.tokengate.it.container;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Map;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleState;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.net.SSLHostConfig;
import org.apache.tomcat.util.net.SSLHostConfigCertificate;
import org.apache.tomcat.util.scan.StandardJarScanner;

/**
 * Real embedded Tomcat 11 deploying a web application directory with {@link Tomcat#addWebapp},
 * behind an HTTPS connector on port 0 with {@code certificateVerification="optional_no_ca"}: a
 * client certificate is asked for, not required, and accepted whoever issued it, so that the filter
 * decides (RFC 8705 §3). Tomcat's own default {@code web.xml} (default and JSP servlets) is left
 * out and the class path is not scanned: the application's {@code web.xml} is complete.
 */
public final class TomcatContainer implements ServletContainer {
    private final Tomcat tomcat;
    private final String baseUrl;

    private TomcatContainer(Tomcat tomcat, String baseUrl) {
        this.tomcat = tomcat;
        this.baseUrl = baseUrl;
    }

    /**
     * Starts Tomcat serving {@code webapp} at the root context with the key entry {@code alias} of
     * {@code keyStore}; {@code baseDir} holds Tomcat's work files.
     */
    public static TomcatContainer start(Path webapp, KeyStore keyStore, String alias, String password, Path baseDir)
            throws Exception {
        return start(Map.of("/", webapp), keyStore, alias, password, baseDir);
    }

    /** Starts Tomcat serving each web application directory at its context path ({@code /} or {@code /name}). */
    public static TomcatContainer start(Map<String, Path> webapps, KeyStore keyStore, String alias, String password,
            Path baseDir) throws Exception {
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(Files.createDirectories(baseDir).toString());

        Connector connector = new Connector("org.apache.coyote.http11.Http11NioProtocol");
        connector.setPort(0);
        connector.setProperty("address", "localhost");
        connector.setScheme("https");
        connector.setSecure(true);
        connector.setProperty("SSLEnabled", "true");
        SSLHostConfig host = new SSLHostConfig();
        host.setCertificateVerification("optional_no_ca");
        // With JSSE, optional_no_ca still validates a presented certificate against the default trust store
        host.setTrustManagerClassName(AnyClientCertificateTrustManager.class.getName());
        SSLHostConfigCertificate certificate = new SSLHostConfigCertificate(host, SSLHostConfigCertificate.Type.EC);
        certificate.setCertificateKeystore(keyStore);
        certificate.setCertificateKeyAlias(alias);
        certificate.setCertificateKeystorePassword(password);
        certificate.setCertificateKeyPassword(password);
        host.addCertificate(certificate);
        connector.addSslHostConfig(host);
        tomcat.setConnector(connector);

        tomcat.setAddDefaultWebXmlToWebapp(false);
        Map<Path, Context> contexts = new java.util.LinkedHashMap<>();
        webapps.forEach((path, webapp) -> {
            Context context = tomcat.addWebapp(path.equals("/") ? "" : path, webapp.toAbsolutePath().toString());
            ((StandardJarScanner) context.getJarScanner()).setScanClassPath(false);
            contexts.put(webapp, context);
        });
        tomcat.start();
        for (Map.Entry<Path, Context> c : contexts.entrySet()) {
            if (c.getValue().getState() != LifecycleState.STARTED) {
                tomcat.stop();
                tomcat.destroy();
                throw new IllegalStateException("Tomcat did not start the web application in " + c.getKey() + " (state "
                        + c.getValue().getState() + "); see the log above");
            }
        }
        return new TomcatContainer(tomcat, "https://localhost:" + connector.getLocalPort());
    }

    @Override
    public String baseUrl() {
        return baseUrl;
    }

    @Override
    public void close() throws Exception {
        tomcat.stop();
        tomcat.destroy();
    }
}
