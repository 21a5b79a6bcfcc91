package io.tokengate.it.agent;

import io.tokengate.agent.ClientKeyMaterial;
import io.tokengate.agent.OutboundRoutes;
import io.tokengate.agent.SubjectSource;
import io.tokengate.agent.TokenAgentConfig;
import io.tokengate.demo.DemoPki;
import io.tokengate.demo.DemoSetup;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Agent configurations for the test server: its token endpoint, the demo CA, short timeouts. */
final class Agents {
    static final Set<String> READ = Set.of(DemoSetup.READ_SCOPE);
    static final Set<String> READ_OFFLINE = Set.of(DemoSetup.READ_SCOPE, "offline_access");

    private Agents() {
    }

    /**
     * The agent client trusting the demo CA, with short back-off; add credentials. The request
     * timeout is generous so that a cold first request on a loaded machine is not retried (which
     * would spoil the request counts); the fault tests set short ones.
     */
    static TokenAgentConfig.Builder agent(AgentTestServer server) {
        return TokenAgentConfig.builder(AgentTestServer.AGENT_ID).tokenEndpoint(server.tokenEndpointUrl())
                .trustAnchors(List.of(server.pki.readCertificate(DemoPki.CA_CERT)))
                .connectTimeout(Duration.ofSeconds(5)).requestTimeout(Duration.ofSeconds(20))
                .acquireTimeout(Duration.ofSeconds(60)).retries(3, Duration.ofMillis(50), Duration.ofMillis(200));
    }

    static ClientKeyMaterial agentKey(AgentTestServer server) throws Exception {
        return ClientKeyMaterial.of(server.pki.readPrivateKey(AgentTestServer.AGENT_KEY),
                server.pki.readCertificate(AgentTestServer.AGENT_CERT));
    }

    /** The resource's orders API, for the read scope. */
    static OutboundRoutes ordersRoute(AgentTestServer server, Set<String> scopes) {
        return OutboundRoutes.of(server.apiUrl(), DemoSetup.API_AUDIENCE, scopes);
    }

    /** A subject source a test sets: the user the next calls are made for, or none. */
    static final class Subject implements SubjectSource {
        private volatile String current;

        void set(String subject) {
            this.current = subject;
        }

        @Override
        public Optional<String> currentSubject() {
            return Optional.ofNullable(current);
        }
    }
}
