package io.tokengate.it.container;

import com.nimbusds.jose.jwk.JWKSet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes the test web application into a directory, as a container deploys it: {@code jwks.json}
 * beside {@code WEB-INF/web.xml}, which declares only the {@code BearerTokenFilter} (configured
 * by its init-params alone, reading that JWKS file) on {@code /api/*} and the
 * {@link PrincipalEchoServlet} behind it. No classes are copied: both containers load them from
 * the test class path through the web application's parent class loader.
 */
public final class BearerWebApp {
    public static final String ISSUER = "https://issuer.example";
    public static final String AUDIENCE = "https://api.example/orders";
    public static final String REALM = "orders-api";
    public static final String READ_SCOPE = "https://api.example/orders.read";
    public static final String WRITE_SCOPE = "https://api.example/orders.write";

    private BearerWebApp() {
    }

    /**
     * @param directory the web application's root, created if missing
     * @param keys      the public keys the filter verifies tokens with
     * @return {@code directory}
     */
    public static Path write(Path directory, JWKSet keys) throws IOException {
        Path jwks = directory.resolve("jwks.json");
        Files.createDirectories(directory.resolve("WEB-INF"));
        Files.writeString(jwks, keys.toString(true), StandardCharsets.UTF_8);
        return write(directory, ISSUER, Map.of("jwks-file", jwks.toAbsolutePath().toString()));
    }

    /**
     * The same application trusting tokens of {@code issuer}, its filter configured by
     * {@code params} (for example the introspection init-params) beside audience, realm and scope
     * rules.
     *
     * @return {@code directory}
     */
    public static Path write(Path directory, String issuer, Map<String, String> params) throws IOException {
        Files.createDirectories(directory.resolve("WEB-INF"));
        StringBuilder extra = new StringBuilder();
        new TreeMap<>(params).forEach((name, value) -> extra.append("    <init-param><param-name>").append(name)
                .append("</param-name><param-value>").append(value).append("</param-value></init-param>\n"));
        Files.writeString(directory.resolve("WEB-INF/web.xml"), webXml(issuer, extra.toString()), StandardCharsets.UTF_8);
        return directory;
    }

    private static String webXml(String issuer, String extraParams) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee"
                         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                         xsi:schemaLocation="https://jakarta.ee/xml/ns/jakartaee https://jakarta.ee/xml/ns/jakartaee/web-app_6_0.xsd"
                         version="6.0" metadata-complete="true">
                  <filter>
                    <filter-name>bearer</filter-name>
                    <filter-class>io.tokengate.resource.BearerTokenFilter</filter-class>
                    <init-param><param-name>issuer</param-name><param-value>%s</param-value></init-param>
                    <init-param><param-name>audience</param-name><param-value>%s</param-value></init-param>
                %s
                    <init-param><param-name>realm</param-name><param-value>%s</param-value></init-param>
                    <init-param>
                      <param-name>scope-rules</param-name>
                      <param-value>GET /api/orders/*=%s; POST /api/orders/*=%s</param-value>
                    </init-param>
                  </filter>
                  <filter-mapping>
                    <filter-name>bearer</filter-name>
                    <url-pattern>/api/*</url-pattern>
                  </filter-mapping>
                  <servlet>
                    <servlet-name>echo</servlet-name>
                    <servlet-class>io.tokengate.it.container.PrincipalEchoServlet</servlet-class>
                    <init-param><param-name>role</param-name><param-value>%s</param-value></init-param>
                  </servlet>
                  <servlet-mapping>
                    <servlet-name>echo</servlet-name>
                    <url-pattern>/api/*</url-pattern>
                  </servlet-mapping>
                </web-app>
                """.formatted(issuer, AUDIENCE, extraParams, REALM, READ_SCOPE, WRITE_SCOPE, READ_SCOPE);
    }
}
