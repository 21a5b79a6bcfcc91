package io.tokengate.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v2CRLBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Serves one CRL over HTTP on a loopback port, for tests, and makes CRLs with BouncyCastle
 * ({@link #crl}). The CRL served can be replaced at any time; requests are counted.
 * Thread-safe; {@link #close()} stops it.
 */
public final class TestCrlServer implements AutoCloseable {
    private final HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();
    private volatile byte[] crl = new byte[0];

    private TestCrlServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::answer);
        server.start();
    }

    public static TestCrlServer start() {
        try {
            return new TestCrlServer();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the test CRL server", e);
        }
    }

    /**
     * A DER CRL of {@code signer} (its subject is the CRL issuer), valid from {@code thisUpdate} to
     * {@code nextUpdate}, listing {@code revoked} (serial to revocation time).
     */
    public static byte[] crl(IssuedCertificate signer, Instant thisUpdate, Instant nextUpdate,
            Map<BigInteger, Instant> revoked) {
        try {
            X509v2CRLBuilder b = new JcaX509v2CRLBuilder(signer.certificate().getSubjectX500Principal(),
                    Date.from(thisUpdate));
            b.setNextUpdate(Date.from(nextUpdate));
            revoked.forEach((serial, at) -> b.addCRLEntry(serial, Date.from(at), CRLReason.keyCompromise));
            return b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer.privateKey())).getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException("cannot make a test CRL", e);
        }
    }

    /** Revoked entries of one certificate, for {@link #crl}. */
    public static Map<BigInteger, Instant> revoking(X509Certificate certificate, Instant at) {
        return Map.of(certificate.getSerialNumber(), at);
    }

    public TestCrlServer publish(byte[] der) {
        this.crl = der.clone();
        return this;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/ca.crl";
    }

    public int requests() {
        return requests.get();
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            requests.incrementAndGet();
            byte[] body = crl;
            exchange.getResponseHeaders().add("Content-Type", "application/pkix-crl");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
