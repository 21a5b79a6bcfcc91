package io.tokengate.demo;

import java.nio.file.Files;

/**
 * Starts the demo gateway: {@code java -jar gateway-demo.jar [--data DIR] [--port 8443]}. On first
 * start it creates the demo PKI, signing key and registry in the data directory; on every start it
 * prints the curl command of the TLS Client Authentication grant and writes it there as a script.
 */
public final class GatewayDemo {
    private GatewayDemo() {
    }

    public static void main(String[] args) throws Exception {
        DemoOptions options;
        try {
            options = DemoOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        GatewayServer gateway = GatewayServer.start(options);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                gateway.close();
            } catch (Exception e) {
                // shutting down anyway
            }
        }, "gateway-shutdown"));
        var data = gateway.dataDirectory();
        System.out.printf("""

                Tokengate gateway demo is up at %1$s
                  data directory    %2$s
                  token endpoint    %1$s/oauth2/v1/token
                  metadata          %1$s/.well-known/oauth-authorization-server
                  IDCS discovery    %1$s/.well-known/idcs-configuration
                  JWKS              %1$s/oauth2/v1/keys
                  registration      %1$s/oauth2/v1/register (RFC 7591/7592, Bearer token in admin.token)

                TLS Client Authentication grant (run from the data directory, or run %3$s):

                  cd %2$s
                  %4$s

                Also: %5$s (client_credentials over mTLS), %6$s (client_credentials with a secret).
                Assertion flow (user alice, client demo-web-app), each script in the data directory:
                  password-basic-token.sh, password-basic-offline-token.sh,
                  password-client-assertion-token.sh, password-client-assertion-offline-token.sh,
                  saml-bearer-token.sh, jwt-bearer-token.sh, refresh-token.sh REFRESH_TOKEN
                Protected API %1$s/api/orders: api-call.sh ACCESS_TOKEN, api-call-without-certificate.sh ACCESS_TOKEN
                Register applications: register-certificate-client.sh NEW_ID, register-secret-client.sh NEW_ID
                Stop with Ctrl-C.
                %n""", gateway.issuer(), data, data.resolve(DemoSetup.TLS_CLIENT_AUTH_SCRIPT),
                DemoSetup.tlsClientAuthCurl(gateway.issuer()),
                data.resolve(DemoSetup.MTLS_CLIENT_CREDENTIALS_SCRIPT), data.resolve(DemoSetup.SECRET_CLIENT_CREDENTIALS_SCRIPT));
        if (!Files.isDirectory(data)) {
            throw new IllegalStateException("data directory vanished: " + data);
        }
        gateway.join();
    }
}
