package io.tokengate.benchmarks;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.tokengate.testing.IssuedCertificate;
import io.tokengate.testing.TestCertificates;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A token endpoint that answers every POST with the same canned token at once, over TLS on
 * 127.0.0.1 (the JDK's own HTTPS server, certificate for {@code localhost} from the filter's
 * {@link TestCertificates}), and counts the requests. It isolates what the agent costs from what
 * an authorization server costs (the real endpoint's signature alone is about 100 µs).
 */
final class StubTokenEndpoint implements AutoCloseable {
    /** An opaque stand-in of a typical access token's length (about 800 characters). */
    static final String TOKEN = "eyJhbGciOiJFUzI1NiJ9." + "x".repeat(700) + "." + "s".repeat(86);

    private final HttpsServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "stub-token-endpoint");
        t.setDaemon(true); // a failed set-up must not keep the JVM alive
        return t;
    });
    private final AtomicLong requests = new AtomicLong();
    private final X509Certificate trustAnchor;

    StubTokenEndpoint(long expiresIn) throws Exception {
        TestCertificates pki = TestCertificates.create();
        IssuedCertificate tls = pki.certificate("CN=localhost").issuedBy(pki.root()).sanDns("localhost").serverAuth().build();
        trustAnchor = pki.root().certificate();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("server", tls.privateKey(), new char[0], new X509Certificate[] {tls.certificate()});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, new char[0]);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);
        // without TCP_NODELAY the JDK server's separate header and body writes meet delayed ACKs (~40 ms stalls)
        System.setProperty("sun.net.httpserver.nodelay", "true");
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setHttpsConfigurator(new HttpsConfigurator(context));
        byte[] body = ("{\"access_token\":\"" + TOKEN + "\",\"token_type\":\"Bearer\",\"expires_in\":" + expiresIn
                + "}").getBytes(StandardCharsets.UTF_8);
        server.createContext("/token", exchange -> {
            requests.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.setExecutor(threads);
        server.start();
    }

    String url() {
        return "https://localhost:" + server.getAddress().getPort() + "/token";
    }

    X509Certificate trustAnchor() {
        return trustAnchor;
    }

    long requests() {
        return requests.get();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
