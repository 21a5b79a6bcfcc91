package io.tokengate.demo.sidecar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The sidecar modes' command lines: defaults, and refusals that say what to fix. */
class SidecarOptionsTest {
    @Test
    void parseIngressWhenOnlyRequiredGivenThenDemoDefaults() {
        SidecarOptions.Ingress o = assertInstanceOf(SidecarOptions.Ingress.class, SidecarOptions.parse("ingress",
                new String[] {"--issuer", "https://localhost:8443", "--upstream", "http://127.0.0.1:8481"}));

        assertEquals(8444, o.port());
        assertEquals("127.0.0.1", o.bindAddress());
        assertEquals(URI.create("http://127.0.0.1:8481"), o.upstream());
        assertEquals(SidecarOptions.APP_B_AUDIENCE, o.audience());
        assertEquals("* /*=" + SidecarOptions.APP_B_SCOPE, o.scopeRules());
        assertEquals(Path.of("data"), o.dataDirectory());
    }

    @Test
    void parseEgressWhenRoutesGivenThenClientFilesResolvedInTheDataDirectory() {
        SidecarOptions.Egress o = assertInstanceOf(SidecarOptions.Egress.class, SidecarOptions.parse("egress",
                new String[] {"--issuer", "https://localhost:8443", "--data", "/tmp/tg", "--route",
                    "/a=https://a.example,scope=r", "--route", "/b=https://b.example,scope=r"}));

        assertEquals(2, o.routes().size());
        assertEquals("demo-app-a", o.agentParameters().get("client-id"));
        assertEquals("/tmp/tg/demo-app-a.secret", o.agentParameters().get("client-secret-file"));
        assertEquals("/tmp/tg/cacert.crt", o.agentParameters().get("trust-anchors-file"));
        assertEquals("https://localhost:8443", o.agentParameters().get("issuer"));
    }

    @Test
    void parseEgressWhenAgentParametersGivenThenTheyOverrideTheDemoClient() {
        SidecarOptions.Egress o = assertInstanceOf(SidecarOptions.Egress.class, SidecarOptions.parse("egress",
                new String[] {"--token-endpoint", "https://as.example/token", "--data", "/tmp/tg", "--client-id", "web",
                    "--client-auth", "private_key_jwt", "--user-grant", "saml2-bearer", "--client-key-file", "/keys/web.key",
                    "--route", "/a=https://a.example,scope=r"}));

        assertEquals("web", o.agentParameters().get("client-id"));
        assertEquals("private_key_jwt", o.agentParameters().get("client-auth"));
        assertEquals("saml2-bearer", o.agentParameters().get("user-grant"));
        assertEquals("/keys/web.key", o.agentParameters().get("client-key-file"));
        assertEquals("https://as.example/token", o.agentParameters().get("token-endpoint"));
    }

    @Test
    void parseEgressWhenBoundBeyondLoopbackThenRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SidecarOptions.parse("egress",
                new String[] {"--issuer", "https://localhost:8443", "--bind", "0.0.0.0", "--route", "/a=https://a.example,scope=r"}));

        assertTrue(e.getMessage().contains("loopback"), e.getMessage());
    }

    @Test
    void parseEgressWhenNoIssuerThenRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SidecarOptions.parse("egress", new String[] {"--route", "/a=https://a.example,scope=r"}));

        assertTrue(e.getMessage().contains("--issuer"), e.getMessage());
    }

    @Test
    void parseEgressWhenNoRouteThenRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SidecarOptions.parse("egress", new String[] {"--issuer", "https://localhost:8443"}));

        assertTrue(e.getMessage().contains("at least one --route"), e.getMessage());
    }

    @Test
    void parseWhenRequiredMissingOrOptionUnknownThenUsage() {
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> SidecarOptions.parse("ingress", new String[] {"--issuer", "https://localhost:8443"}));
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> SidecarOptions.parse("app-b", new String[] {"--upstream", "x"}));

        assertTrue(missing.getMessage().startsWith("--upstream is required"), missing.getMessage());
        assertTrue(unknown.getMessage().startsWith("unknown option --upstream") && unknown.getMessage().contains("usage:"),
                unknown.getMessage());
    }

    @Test
    void parseIngressWhenUpstreamIsPlainHttpElsewhereThenRefused() {
        assertThrows(IllegalArgumentException.class, () -> SidecarOptions.parse("ingress",
                new String[] {"--issuer", "https://localhost:8443", "--upstream", "http://app.example:8080"}));
    }

    @Test
    void parseWhenPortOutOfRangeThenRefusedNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SidecarOptions.parse("app-b", new String[] {"--port", "70000"}));

        assertTrue(e.getMessage().startsWith("--port"), e.getMessage());
    }
}
