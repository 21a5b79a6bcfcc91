package io.tokengate.demo.sidecar;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tokengate.agent.propagation.IdentityPropagationConfig;
import io.tokengate.agent.propagation.IdentityPropagationFilter;
import io.tokengate.agent.propagation.RequestSubjects;
import io.tokengate.demo.DemoIdentities;
import io.tokengate.demo.DemoPki;
import io.tokengate.demo.GatewayServer;
import io.tokengate.user.UserFile;
import jakarta.servlet.DispatcherType;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.ee10.servlet.security.ConstraintMapping;
import org.eclipse.jetty.ee10.servlet.security.ConstraintSecurityHandler;
import org.eclipse.jetty.security.AbstractLoginService;
import org.eclipse.jetty.security.Constraint;
import org.eclipse.jetty.security.RolePrincipal;
import org.eclipse.jetty.security.UserPrincipal;
import org.eclipse.jetty.security.authentication.BasicAuthenticator;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.security.Credential;

/**
 * Application A of the walkthrough: HTTPS, container login (HTTP Basic, realm {@code app-a})
 * against the demo's users file, {@link IdentityPropagationFilter} after the login, and
 * {@code GET /hello-b}, which calls application B through A's egress sidecar; the call carries
 * the signed-in user as {@link IdentityHeaders#SUBJECT}, taken from the filter's subject source,
 * so the sidecar obtains a token for that user.
 */
public final class DemoAppA extends RunningServer {

    private DemoAppA(Server server, String baseUrl) {
        super(server, baseUrl);
    }

    public static DemoAppA start(SidecarOptions.AppA options) throws Exception {
        DemoPki pki = new DemoPki(options.dataDirectory());
        Server server = new Server(IngressSidecar.threads("app-a"));
        ServerConnector connector = new ServerConnector(server, new SslConnectionFactory(GatewayServer.tls(pki), "http/1.1"),
                new HttpConnectionFactory(GatewayServer.httpConfiguration()));
        connector.setHost("127.0.0.1");
        connector.setPort(options.port());
        server.addConnector(connector);

        ServletContextHandler context = new ServletContextHandler("/", ServletContextHandler.SECURITY);
        context.setSecurityHandler(security(UserFile.load(options.dataDirectory().resolve(DemoIdentities.USERS_FILE),
                new ObjectMapper())));
        RequestSubjects subjects = new RequestSubjects();
        FilterHolder propagation = new FilterHolder(new IdentityPropagationFilter(IdentityPropagationConfig.defaults(),
                subjects));
        propagation.setAsyncSupported(true);
        context.addFilter(propagation, "/*", EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC));
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        context.addServlet(new ServletHolder(new CallThroughEgressServlet(options.egress(), subjects, http)), "/hello-b");
        server.setHandler(context);
        server.setStopTimeout(2000);
        server.start();
        return new DemoAppA(server, "https://localhost:" + connector.getLocalPort());
    }

    private static ConstraintSecurityHandler security(UserFile users) {
        ConstraintSecurityHandler security = new ConstraintSecurityHandler();
        ConstraintMapping everything = new ConstraintMapping();
        everything.setPathSpec("/*");
        everything.setConstraint(Constraint.from("user"));
        security.addConstraintMapping(everything);
        security.setAuthenticator(new BasicAuthenticator());
        security.setLoginService(new UserFileLoginService(users));
        return security;
    }

    /** Jetty login against the product's users file: the Argon2id / bcrypt hash checks the password. */
    static final class UserFileLoginService extends AbstractLoginService {
        private final UserFile users;

        UserFileLoginService(UserFile users) {
            this.users = users;
            setName("app-a");
        }

        @Override
        protected UserPrincipal loadUserInfo(String username) {
            return users.find(username).filter(io.tokengate.user.User::enabled)
                    .map(user -> new UserPrincipal(user.username(), new HashCredential(user.passwordHash())))
                    .orElse(null);
        }

        @Override
        protected List<RolePrincipal> loadRoleInfo(UserPrincipal user) {
            return List.of(new RolePrincipal("user"));
        }
    }

    private static final class HashCredential extends Credential {
        private static final long serialVersionUID = 1L;
        private final transient io.tokengate.user.PasswordHash hash;

        HashCredential(io.tokengate.user.PasswordHash hash) {
            this.hash = hash;
        }

        @Override
        public boolean check(Object credentials) {
            return credentials instanceof String password && hash.matches(password);
        }
    }
}
