package io.tokengate.testing;

import io.tokengate.cert.ClientCertificate;
import io.tokengate.cert.Thumbprints;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * A test certificate made by {@link TestCertificates}, with its private key and the chain a TLS
 * client would present. Immutable.
 *
 * @param certificate the certificate
 * @param privateKey  its private key (EC P-256)
 * @param chain       the certificate first, then the intermediate CAs that issued it, never the
 *                    self-signed root; a root or self-signed certificate is its own chain
 */
public record IssuedCertificate(X509Certificate certificate, PrivateKey privateKey, List<X509Certificate> chain) {

    /** The files {@link #writePem(Path, String)} wrote. */
    public record PemFiles(Path certificate, Path privateKey) {
    }

    public IssuedCertificate {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(privateKey, "privateKey");
        chain = List.copyOf(chain);
        if (chain.isEmpty() || !chain.get(0).equals(certificate)) {
            throw new IllegalArgumentException("the chain must start with the certificate itself");
        }
    }

    public PublicKey publicKey() {
        return certificate.getPublicKey();
    }

    /** The subject DN in RFC 2253 form. */
    public String subjectDn() {
        return certificate.getSubjectX500Principal().getName();
    }

    /** The RFC 8705 {@code x5t#S256} thumbprint of the certificate. */
    public String thumbprint() {
        return Thumbprints.x5tS256(certificate);
    }

    /** The chain as a servlet container puts it in the {@code jakarta.servlet.request.X509Certificate} attribute. */
    public X509Certificate[] chainArray() {
        return chain.toArray(X509Certificate[]::new);
    }

    /** The chain as presented in a TLS handshake. */
    public ClientCertificate presented() {
        return presented(ClientCertificate.Source.TLS_HANDSHAKE);
    }

    /** The chain as presented through {@code source}. */
    public ClientCertificate presented(ClientCertificate.Source source) {
        return new ClientCertificate(chain, source);
    }

    /** Only the certificate, as a proxy forwards it without its chain. */
    public ClientCertificate presentedWithoutChain(ClientCertificate.Source source) {
        return new ClientCertificate(List.of(certificate), source);
    }

    /**
     * Writes {@code baseName.crt} (the chain in PEM, leaf first) and {@code baseName.key} (the
     * unencrypted PKCS#8 private key in PEM, readable by its owner only where the file system
     * allows) into {@code directory}, the form {@code curl --cert/--key} and OpenSSL read.
     */
    public PemFiles writePem(Path directory, String baseName) {
        try {
            Files.createDirectories(directory);
            Path crt = directory.resolve(baseName + ".crt");
            Path key = directory.resolve(baseName + ".key");
            TestCertificates.writeCertificatesPem(crt, chain);
            Files.writeString(key, TestCertificates.privateKeyPem(privateKey), StandardCharsets.US_ASCII);
            try {
                Files.setPosixFilePermissions(key, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system
            }
            return new PemFiles(crt, key);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return "IssuedCertificate[" + subjectDn() + ", serial " + certificate.getSerialNumber().toString(16) + "]";
    }
}
