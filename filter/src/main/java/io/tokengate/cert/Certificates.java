package io.tokengate.cert;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/** Parsing and describing X.509 certificates (PEM and DER) with the JDK's certificate factory. */
public final class Certificates {
    private Certificates() {
    }

    /** Every certificate in a PEM text (one or more {@code BEGIN CERTIFICATE} blocks) or DER bytes. */
    public static List<X509Certificate> parse(byte[] pemOrDer) {
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            List<X509Certificate> out = new ArrayList<>();
            for (var c : factory.generateCertificates(new ByteArrayInputStream(pemOrDer))) {
                out.add((X509Certificate) c);
            }
            return List.copyOf(out);
        } catch (CertificateException e) {
            throw new IllegalArgumentException("not a valid X.509 certificate: " + e.getMessage(), e);
        }
    }

    public static X509Certificate parseOne(byte[] pemOrDer) {
        List<X509Certificate> all = parse(pemOrDer);
        if (all.size() != 1) {
            throw new IllegalArgumentException("expected exactly one certificate, found " + all.size());
        }
        return all.get(0);
    }

    public static List<X509Certificate> read(Path pemFile) {
        try (InputStream in = Files.newInputStream(pemFile)) {
            return parse(in.readAllBytes());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read certificates from " + pemFile + ": " + e.getMessage(), e);
        }
    }

    /** Subject and serial number in hexadecimal: enough to find the certificate, nothing secret. */
    public static String describe(X509Certificate certificate) {
        return "'" + certificate.getSubjectX500Principal().getName() + "' (serial "
                + certificate.getSerialNumber().toString(16) + ")";
    }

    /** Why the certificate is outside its validity period at {@code now}, or {@code null} when it is within. */
    public static String validityProblem(X509Certificate certificate, Instant now) {
        try {
            certificate.checkValidity(Date.from(now));
            return null;
        } catch (CertificateExpiredException e) {
            return "client certificate " + describe(certificate) + " expired at " + certificate.getNotAfter().toInstant();
        } catch (CertificateNotYetValidException e) {
            return "client certificate " + describe(certificate) + " is not valid before "
                    + certificate.getNotBefore().toInstant();
        }
    }

    /** PEM encoding of one certificate. */
    public static String toPem(X509Certificate certificate) {
        try {
            String b64 = java.util.Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(certificate.getEncoded());
            return "-----BEGIN CERTIFICATE-----\n" + b64 + "\n-----END CERTIFICATE-----\n";
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
