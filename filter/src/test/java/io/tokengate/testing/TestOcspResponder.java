package io.tokengate.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.Req;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * A real RFC 6960 OCSP responder on a loopback port, built with BouncyCastle, for tests: it
 * answers POSTed requests about the certificates of one CA — good unless revoked or marked
 * unknown — signed by that CA or by any signer the test chooses (a delegated responder, a partner
 * certificate, an untrusted key), with the request's nonce echoed, replaced or left out, and
 * {@code thisUpdate}/{@code nextUpdate} relative to the injected clock. Counts the requests it
 * answered. Thread-safe; {@link #close()} stops it (then it refuses connections: "responder down").
 */
public final class TestOcspResponder implements AutoCloseable {
    /** What the responder does with the request's nonce. */
    public enum Nonce { ECHO, WRONG, OMIT }

    private static final SecureRandom RANDOM = new SecureRandom();

    static {
        // The JDK's HttpServer leaves Nagle's algorithm on unless told otherwise, so its two writes
        // (headers, then body) meet the client's delayed ACK and every answer takes about 40 ms
        // longer on loopback; a real responder answers in one go. Read when an HttpServer is created.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final HttpServer server;
    private final IssuedCertificate ca;
    private final Clock clock;
    private final Map<BigInteger, Instant> revoked = new ConcurrentHashMap<>();
    private final Map<BigInteger, Boolean> unknown = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();
    private volatile IssuedCertificate signer;
    private volatile boolean includeSigner;
    private volatile Nonce nonce = Nonce.ECHO;
    private volatile Duration age = Duration.ZERO;
    private volatile Duration validFor = Duration.ofHours(1);
    private volatile Duration delay = Duration.ZERO;
    private volatile boolean unavailable;

    private TestOcspResponder(IssuedCertificate ca, Clock clock) throws IOException {
        this.ca = ca;
        this.signer = ca;
        this.clock = clock;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "test-ocsp");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", this::answer);
        server.start();
    }

    /** Starts a responder for the certificates {@code ca} issued, signing with {@code ca}'s key. */
    public static TestOcspResponder start(IssuedCertificate ca, Clock clock) {
        try {
            return new TestOcspResponder(ca, clock);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the test OCSP responder", e);
        }
    }

    /** The URL to put in a certificate's AIA or a policy's responder. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/ocsp";
    }

    public TestOcspResponder revoke(X509Certificate certificate, Instant at) {
        revoked.put(certificate.getSerialNumber(), at);
        return this;
    }

    public TestOcspResponder markUnknown(X509Certificate certificate) {
        unknown.put(certificate.getSerialNumber(), Boolean.TRUE);
        return this;
    }

    /** Signs with {@code signer}'s key; {@code include} puts its certificate in the response (a delegated responder). */
    public TestOcspResponder signWith(IssuedCertificate signer, boolean include) {
        this.signer = signer;
        this.includeSigner = include;
        return this;
    }

    public TestOcspResponder nonce(Nonce mode) {
        this.nonce = mode;
        return this;
    }

    /** {@code thisUpdate} = now − {@code age}; {@code nextUpdate} = thisUpdate + {@code validFor}, or none when null. */
    public TestOcspResponder times(Duration age, Duration validFor) {
        this.age = age;
        this.validFor = validFor;
        return this;
    }

    /** Waits this long before answering, so that concurrent lookups overlap. */
    public TestOcspResponder delay(Duration value) {
        this.delay = value;
        return this;
    }

    /** While {@code true}, answers every request with HTTP 503, as a responder behind a failing proxy does. */
    public TestOcspResponder unavailable(boolean value) {
        this.unavailable = value;
        return this;
    }

    /** How many requests were answered since start. */
    public int requests() {
        return requests.get();
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            requests.incrementAndGet();
            if (!delay.isZero()) {
                Thread.sleep(delay.toMillis());
            }
            if (unavailable) {
                exchange.sendResponseHeaders(503, -1);
                return;
            }
            byte[] body = respond(new OCSPReq(exchange.getRequestBody().readAllBytes()));
            exchange.getResponseHeaders().add("Content-Type", "application/ocsp-response");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            exchange.sendResponseHeaders(500, -1);
        }
    }

    private byte[] respond(OCSPReq request) throws Exception {
        IssuedCertificate by = signer;
        X509CertificateHolder signerHolder = new JcaX509CertificateHolder(by.certificate());
        BasicOCSPRespBuilder b = new BasicOCSPRespBuilder(new RespID(signerHolder.getSubject()));
        Instant thisUpdate = clock.instant().minus(age);
        Date next = validFor == null ? null : Date.from(thisUpdate.plus(validFor));
        X509CertificateHolder caHolder = new JcaX509CertificateHolder(ca.certificate());
        for (Req r : request.getRequestList()) {
            CertificateID id = r.getCertID();
            CertificateStatus status;
            if (!id.matchesIssuer(caHolder, new JcaDigestCalculatorProviderBuilder().build())
                    || unknown.containsKey(id.getSerialNumber())) {
                status = new UnknownStatus();
            } else if (revoked.containsKey(id.getSerialNumber())) {
                status = new RevokedStatus(Date.from(revoked.get(id.getSerialNumber())), 1);
            } else {
                status = CertificateStatus.GOOD;
            }
            b.addResponse(id, status, Date.from(thisUpdate), next, null);
        }
        Extension requested = request.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
        if (requested != null && nonce != Nonce.OMIT) {
            Extension value = requested;
            if (nonce == Nonce.WRONG) {
                byte[] other = new byte[16];
                RANDOM.nextBytes(other);
                value = new Extension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce, false, new DEROctetString(other).getEncoded());
            }
            b.setResponseExtensions(new Extensions(value));
        }
        List<X509CertificateHolder> chain = new ArrayList<>();
        if (includeSigner) {
            chain.add(signerHolder);
        }
        BasicOCSPResp basic = b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(by.privateKey()),
                chain.toArray(X509CertificateHolder[]::new), Date.from(clock.instant()));
        return new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, basic).getEncoded();
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
