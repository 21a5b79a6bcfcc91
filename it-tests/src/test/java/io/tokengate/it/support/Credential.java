package io.tokengate.it.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;

/**
 * A certificate with its private key, as a client presents it or a CA signs with it. Immutable.
 *
 * @param certificate the certificate
 * @param privateKey  the key of the certificate's public key
 */
public record Credential(X509Certificate certificate, PrivateKey privateKey) {

    /** The DER encoding of the certificate. */
    public byte[] der() {
        try {
            return certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The certificate as an RFC 9440 {@code Client-Cert} header value: {@code :base64(DER):}. */
    public String clientCertHeader() {
        return ":" + Base64.getEncoder().encodeToString(der()) + ":";
    }

    /** The certificate as PEM. */
    public String certificatePem() {
        return pem("CERTIFICATE", der());
    }

    /**
     * Writes {@code NAME.crt} and {@code NAME.key} (PKCS#8 PEM) into {@code directory}, as curl's
     * {@code --cert} and {@code --key} read them.
     *
     * @return the certificate file; the key file is beside it
     */
    public Path writePem(Path directory, String name) throws IOException {
        Path crt = directory.resolve(name + ".crt");
        Files.writeString(crt, certificatePem(), StandardCharsets.US_ASCII);
        Files.writeString(directory.resolve(name + ".key"), pem("PRIVATE KEY", privateKey.getEncoded()),
                StandardCharsets.US_ASCII);
        return crt;
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
