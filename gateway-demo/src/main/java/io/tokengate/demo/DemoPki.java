package io.tokengate.demo;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;

/**
 * The demo's own small PKI, made with BouncyCastle on first start and kept in the data directory
 * under the file names of the product's curl example: {@code cacert.crt} (the CA), the server's
 * certificate for {@code localhost}, and the demo client's {@code client.crt} and
 * {@code client.key}. Keys are EC P-256; private key files are readable by the owner only.
 */
public final class DemoPki {
    public static final String CA_CERT = "cacert.crt";
    public static final String CA_KEY = "cacert.key";
    public static final String SERVER_CERT = "server.crt";
    public static final String SERVER_KEY = "server.key";
    public static final String CLIENT_CERT = "client.crt";
    public static final String CLIENT_KEY = "client.key";

    private final Path directory;
    private final SecureRandom random = new SecureRandom();

    public DemoPki(Path directory) {
        this.directory = directory;
    }

    /** Creates the CA, server and client certificates unless they already exist. */
    public void ensure(String clientSubject) throws IOException, GeneralSecurityException {
        if (Files.exists(directory.resolve(CLIENT_CERT))) {
            return;
        }
        Files.createDirectories(directory);
        Instant now = Instant.now();
        KeyPair caKeys = ecKeyPair();
        X500Principal caName = new X500Principal("CN=Tokengate Demo CA, O=Tokengate");
        X509Certificate ca = build(caName, caKeys.getPublic(), caName, caKeys.getPrivate(), now, Duration.ofDays(3650),
                b -> {
                    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
                    b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
                });
        KeyPair serverKeys = ecKeyPair();
        X509Certificate server = build(new X500Principal("CN=localhost, O=Tokengate"), serverKeys.getPublic(),
                caName, caKeys.getPrivate(), now, Duration.ofDays(825), b -> {
                    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                    b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
                    b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
                    b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                        new GeneralName(GeneralName.dNSName, "localhost"),
                        new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                        new GeneralName(GeneralName.iPAddress, "::1")}));
                });
        KeyPair clientKeys = ecKeyPair();
        X509Certificate client = build(new X500Principal(clientSubject), clientKeys.getPublic(), caName,
                caKeys.getPrivate(), now, Duration.ofDays(825), b -> {
                    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                    b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
                    b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
                });
        writeKey(CA_KEY, caKeys.getPrivate());
        writeKey(SERVER_KEY, serverKeys.getPrivate());
        writePem(SERVER_CERT, server);
        writePem(CA_CERT, ca);
        writeKey(CLIENT_KEY, clientKeys.getPrivate());
        writePem(CLIENT_CERT, client); // written last: its presence marks a complete PKI
    }

    /**
     * Issues, unless it exists, a client certificate from the demo CA (EC P-256, clientAuth), for
     * a client that signs client assertions with its key ({@code private_key_jwt}).
     */
    public void ensureClientCertificate(String certFile, String keyFile, String subject)
            throws IOException, GeneralSecurityException {
        if (Files.exists(directory.resolve(certFile))) {
            return;
        }
        KeyPair keys = ecKeyPair();
        X509Certificate ca = readCertificate(CA_CERT);
        X509Certificate client = build(new X500Principal(subject), keys.getPublic(), ca.getSubjectX500Principal(),
                readKey(CA_KEY), Instant.now(), Duration.ofDays(825), b -> {
                    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                    b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
                    b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
                });
        writeKey(keyFile, keys.getPrivate());
        writePem(certFile, client);
    }

    /** Makes, unless it exists, a self-signed RSA 2048 signing certificate, as an identity provider has. */
    public void ensureSigningCertificate(String certFile, String keyFile, String subject)
            throws IOException, GeneralSecurityException {
        if (Files.exists(directory.resolve(certFile))) {
            return;
        }
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048, random);
        KeyPair keys = generator.generateKeyPair();
        X500Principal name = new X500Principal(subject);
        X509Certificate certificate = build(name, keys.getPublic(), name, keys.getPrivate(), Instant.now(),
                Duration.ofDays(825), b -> b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature)),
                "SHA256withRSA");
        writeKey(keyFile, keys.getPrivate());
        writePem(certFile, certificate);
    }

    /** A private key file written by this class (PKCS#8 PEM, EC or RSA). */
    public PrivateKey readPrivateKey(String name) throws IOException, GeneralSecurityException {
        return readKey(name);
    }

    /** The server's key and certificate chain as an in-memory PKCS#12 key store for Jetty. */
    public KeyStore serverKeyStore(char[] password) throws IOException, GeneralSecurityException {
        PrivateKey key = readKey(SERVER_KEY);
        X509Certificate server = readCertificate(SERVER_CERT);
        X509Certificate ca = readCertificate(CA_CERT);
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("server", key, password, new X509Certificate[] {server, ca});
        return store;
    }

    public Path path(String name) {
        return directory.resolve(name);
    }

    public X509Certificate readCertificate(String name) {
        return io.tokengate.cert.Certificates.read(directory.resolve(name)).get(0);
    }

    private PrivateKey readKey(String name) throws IOException, GeneralSecurityException {
        String pem = Files.readString(directory.resolve(name), StandardCharsets.US_ASCII);
        String b64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        java.security.spec.PKCS8EncodedKeySpec spec =
                new java.security.spec.PKCS8EncodedKeySpec(java.util.Base64.getDecoder().decode(b64));
        try {
            return java.security.KeyFactory.getInstance("EC").generatePrivate(spec);
        } catch (java.security.spec.InvalidKeySpecException notEc) {
            return java.security.KeyFactory.getInstance("RSA").generatePrivate(spec);
        }
    }

    private KeyPair ecKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), random);
        return generator.generateKeyPair();
    }

    private interface Extensions {
        void add(X509v3CertificateBuilder builder) throws IOException;
    }

    private X509Certificate build(X500Principal subject, java.security.PublicKey publicKey, X500Principal issuer,
            PrivateKey issuerKey, Instant notBefore, Duration validity, Extensions extensions)
            throws GeneralSecurityException, IOException {
        return build(subject, publicKey, issuer, issuerKey, notBefore, validity, extensions, "SHA256withECDSA");
    }

    private X509Certificate build(X500Principal subject, java.security.PublicKey publicKey, X500Principal issuer,
            PrivateKey issuerKey, Instant notBefore, Duration validity, Extensions extensions, String signatureAlgorithm)
            throws GeneralSecurityException, IOException {
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, new BigInteger(64, random).abs(),
                Date.from(notBefore.minus(Duration.ofMinutes(5))), Date.from(notBefore.plus(validity)), subject, publicKey);
        builder.addExtension(Extension.subjectKeyIdentifier, false,
                new JcaX509ExtensionUtils().createSubjectKeyIdentifier(publicKey));
        extensions.add(builder);
        try {
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder(signatureAlgorithm).build(issuerKey)));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
    }

    private void writePem(String name, X509Certificate certificate) throws IOException {
        Files.writeString(directory.resolve(name), io.tokengate.cert.Certificates.toPem(certificate), StandardCharsets.US_ASCII);
    }

    private void writeKey(String name, PrivateKey key) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            PemObject pem = new JcaPKCS8Generator(key, null).generate();
            writer.writeObject(pem);
        }
        Path file = directory.resolve(name);
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, out.toString(), StandardCharsets.US_ASCII);
    }

    static List<String> fileNames() {
        return List.of(CA_CERT, CLIENT_CERT, CLIENT_KEY, SERVER_CERT);
    }
}
