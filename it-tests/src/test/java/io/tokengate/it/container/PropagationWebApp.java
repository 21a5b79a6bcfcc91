package io.tokengate.it.container;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the identity-propagation test web application, configured by {@code web.xml} alone:
 * container login (HTTP Basic, realm {@value #REALM}, role {@code user}) on {@code /login/*}, the
 * {@code BearerTokenFilter} on {@code /bearer/*}, the {@code IdentityPropagationFilter} after both
 * on every path (REQUEST and ASYNC dispatches), and {@link OutboundCallServlet} on
 * {@code /login/call}, {@code /bearer/call} and {@code /public/call}.
 */
public final class PropagationWebApp {
    public static final String REALM = "app-a";

    private PropagationWebApp() {
    }

    /**
     * @param issuer      the authorization server: the bearer filter's issuer and the servlet's token endpoint
     * @param audience    the audience inbound bearer tokens must name
     * @param jwks        the authorization server's public keys, as a file
     * @param data        the demo data directory (CA, client key and secret of the outbound calls)
     * @param target      the protected resource the servlet calls
     * @param scope       the scope of the outbound tokens
     * @param targetAudience the target's resource server identifier
     */
    public static Path write(Path directory, String issuer, String audience, Path jwks, Path data, String target,
            String scope, String targetAudience) throws IOException {
        Files.createDirectories(directory.resolve("WEB-INF"));
        Files.writeString(directory.resolve("WEB-INF/web.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee"
                         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                         xsi:schemaLocation="https://jakarta.ee/xml/ns/jakartaee https://jakarta.ee/xml/ns/jakartaee/web-app_6_0.xsd"
                         version="6.0" metadata-complete="true">
                  <filter>
                    <filter-name>bearer</filter-name>
                    <filter-class>io.tokengate.resource.BearerTokenFilter</filter-class>
                    <async-supported>true</async-supported>
                    <init-param><param-name>issuer</param-name><param-value>%1$s</param-value></init-param>
                    <init-param><param-name>audience</param-name><param-value>%2$s</param-value></init-param>
                    <init-param><param-name>jwks-file</param-name><param-value>%3$s</param-value></init-param>
                    <init-param><param-name>realm</param-name><param-value>middle-tier</param-value></init-param>
                  </filter>
                  <filter>
                    <filter-name>propagation</filter-name>
                    <filter-class>io.tokengate.agent.propagation.IdentityPropagationFilter</filter-class>
                    <async-supported>true</async-supported>
                  </filter>
                  <filter-mapping>
                    <filter-name>bearer</filter-name>
                    <url-pattern>/bearer/*</url-pattern>
                    <dispatcher>REQUEST</dispatcher>
                    <dispatcher>ASYNC</dispatcher>
                  </filter-mapping>
                  <filter-mapping>
                    <filter-name>propagation</filter-name>
                    <url-pattern>/*</url-pattern>
                    <dispatcher>REQUEST</dispatcher>
                    <dispatcher>ASYNC</dispatcher>
                  </filter-mapping>
                  <servlet>
                    <servlet-name>call</servlet-name>
                    <servlet-class>io.tokengate.it.container.OutboundCallServlet</servlet-class>
                    <init-param><param-name>data-dir</param-name><param-value>%4$s</param-value></init-param>
                    <init-param><param-name>issuer</param-name><param-value>%1$s</param-value></init-param>
                    <init-param><param-name>target</param-name><param-value>%5$s</param-value></init-param>
                    <init-param><param-name>scope</param-name><param-value>%6$s</param-value></init-param>
                    <init-param><param-name>audience</param-name><param-value>%8$s</param-value></init-param>
                    <async-supported>true</async-supported>
                  </servlet>
                  <servlet-mapping>
                    <servlet-name>call</servlet-name>
                    <url-pattern>/login/call</url-pattern>
                    <url-pattern>/bearer/call</url-pattern>
                    <url-pattern>/public/call</url-pattern>
                  </servlet-mapping>
                  <security-constraint>
                    <web-resource-collection>
                      <web-resource-name>signed-in</web-resource-name>
                      <url-pattern>/login/*</url-pattern>
                    </web-resource-collection>
                    <auth-constraint><role-name>user</role-name></auth-constraint>
                  </security-constraint>
                  <login-config>
                    <auth-method>BASIC</auth-method>
                    <realm-name>%7$s</realm-name>
                  </login-config>
                  <security-role><role-name>user</role-name></security-role>
                </web-app>
                """.formatted(issuer, audience, jwks.toAbsolutePath(), data.toAbsolutePath(), target, scope, REALM,
                targetAudience),
                StandardCharsets.UTF_8);
        return directory;
    }
}
