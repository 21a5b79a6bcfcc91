package io.tokengate.cert.validation;

import io.tokengate.testing.IssuedCertificate;
import io.tokengate.testing.TestCertificates;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * {@code openssl ocsp} run as a real responder (and {@code openssl ca -gencrl} making CRLs) from an
 * OpenSSL CA database written for the test's certificates. Each responder is a child process on a
 * fixed loopback port (openssl cannot report an ephemeral one), stopped by {@link #close()}.
 */
final class OpensslOcsp implements AutoCloseable {
    private static final DateTimeFormatter INDEX_TIME = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final Path dir;
    private final IssuedCertificate ca;
    private final List<String> index = new ArrayList<>();
    private final List<Process> processes = new ArrayList<>();

    OpensslOcsp(Path dir, IssuedCertificate ca) {
        this.dir = dir;
        this.ca = ca;
    }

    OpensslOcsp valid(X509Certificate c) {
        index.add("V\t" + INDEX_TIME.format(c.getNotAfter().toInstant()) + "\t\t" + serial(c) + "\tunknown\t" + dn(c));
        return this;
    }

    OpensslOcsp revoked(X509Certificate c, Instant at) {
        index.add("R\t" + INDEX_TIME.format(c.getNotAfter().toInstant()) + "\t" + INDEX_TIME.format(at) + "\t" + serial(c)
                + "\tunknown\t" + dn(c));
        return this;
    }

    /** Starts {@code openssl ocsp} on {@code port}, signing with {@code signer}, with {@code nextUpdate} {@code minutes} ahead. */
    String startResponder(int port, IssuedCertificate signer, int minutes) throws Exception {
        writeDatabase();
        Path signerCert = write("signer-" + port + ".crt", TestCertificates.certificatePem(signer.certificate()));
        Path signerKey = write("signer-" + port + ".key", TestCertificates.privateKeyPem(signer.privateKey()));
        Process p = new ProcessBuilder("openssl", "ocsp", "-index", "index.txt", "-port", String.valueOf(port),
                "-rsigner", signerCert.toString(), "-rkey", signerKey.toString(), "-CA", caCert().toString(),
                "-nmin", String.valueOf(minutes), "-ignore_err")
                .directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("ocsp-" + port + ".log").toFile()).start();
        processes.add(p);
        // openssl's responder serves one connection at a time and hangs on one that sends nothing,
        // so readiness is read from its log rather than probed with a connection
        Path log = dir.resolve("ocsp-" + port + ".log");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            String text = Files.exists(log) ? Files.readString(log) : "";
            if (!p.isAlive()) {
                throw new IllegalStateException("openssl ocsp exited: " + text);
            }
            if (text.contains("waiting for OCSP client connections")) {
                return "http://127.0.0.1:" + port + "/";
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("openssl ocsp did not start listening on port " + port);
    }

    /** A CRL from {@code openssl ca -gencrl} of the database, signed by {@code signer}, valid {@code hours}. */
    byte[] crl(IssuedCertificate signer, int hours) throws Exception {
        writeDatabase();
        write("crlnumber", "01\n");
        Path cnf = write("ca.cnf", "[ ca ]\ndefault_ca = tg\n[ tg ]\ndatabase = index.txt\ncrlnumber = crlnumber\n"
                + "default_md = sha256\n");
        Path cert = write("crl-signer.crt", TestCertificates.certificatePem(signer.certificate()));
        Path key = write("crl-signer.key", TestCertificates.privateKeyPem(signer.privateKey()));
        Path out = dir.resolve("ca.crl");
        Process p = new ProcessBuilder("openssl", "ca", "-gencrl", "-config", cnf.toString(), "-cert", cert.toString(),
                "-keyfile", key.toString(), "-crlhours", String.valueOf(hours), "-out", out.toString())
                .directory(dir.toFile()).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("openssl ca -gencrl failed: " + log);
        }
        return Files.readAllBytes(out);
    }

    void stopResponders() {
        for (Process p : processes) {
            p.destroy();
            try {
                if (!p.waitFor(5, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        processes.clear();
    }

    @Override
    public void close() {
        stopResponders();
    }

    private void writeDatabase() throws IOException {
        write("index.txt", String.join("\n", index) + (index.isEmpty() ? "" : "\n"));
        write("index.txt.attr", "unique_subject = no\n");
    }

    private Path caCert() throws IOException {
        return write("ca.crt", TestCertificates.certificatePem(ca.certificate()));
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.US_ASCII);
    }

    private static String serial(X509Certificate c) {
        String hex = c.getSerialNumber().toString(16).toUpperCase(Locale.ROOT);
        return hex.length() % 2 == 1 ? "0" + hex : hex;
    }

    private static String dn(X509Certificate c) {
        return "/" + String.join("/", reversed(c.getSubjectX500Principal().getName().split(",")));
    }

    private static List<String> reversed(String[] parts) {
        List<String> out = new ArrayList<>(List.of(parts));
        java.util.Collections.reverse(out);
        return out;
    }
}
