package io.tokengate.benchmarks;

import io.tokengate.cert.Certificates;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The client side of mutual TLS from the demo's PEM files: the client's PKCS#8 key and
 * certificate to present, and the CA certificate to trust the server by. Key stores are built in
 * memory with a throw-away password; nothing is written.
 */
final class MutualTls {
    private MutualTls() {
    }

    /**
     * @param keyFile         PKCS#8 PEM ({@code BEGIN PRIVATE KEY}), EC or RSA
     * @param certificateFile the client certificate (PEM), followed by any intermediates
     * @param caFile          the CA certificate(s) the server's certificate chains to
     */
    static SSLContext context(Path keyFile, Path certificateFile, Path caFile) throws IOException, GeneralSecurityException {
        char[] password = new char[24];
        SecureRandom random = new SecureRandom();
        for (int i = 0; i < password.length; i++) {
            password[i] = (char) ('a' + random.nextInt(26));
        }
        List<X509Certificate> chain = Certificates.read(certificateFile);
        KeyStore identity = KeyStore.getInstance("PKCS12");
        identity.load(null, null);
        identity.setKeyEntry("client", privateKey(keyFile), password, chain.toArray(X509Certificate[]::new));
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(identity, password);

        KeyStore anchors = KeyStore.getInstance("PKCS12");
        anchors.load(null, null);
        int n = 0;
        for (X509Certificate ca : Certificates.read(caFile)) {
            anchors.setCertificateEntry("ca" + n++, ca);
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(anchors);

        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), trust.getTrustManagers(), random);
        return context;
    }

    private static PrivateKey privateKey(Path file) throws IOException, GeneralSecurityException {
        String pem = Files.readString(file, StandardCharsets.US_ASCII);
        if (!pem.contains("-----BEGIN PRIVATE KEY-----")) {
            throw new GeneralSecurityException(file + " is not a PKCS#8 PEM private key (BEGIN PRIVATE KEY)");
        }
        byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
        try {
            return KeyFactory.getInstance("EC").generatePrivate(spec);
        } catch (InvalidKeySpecException notEc) {
            return KeyFactory.getInstance("RSA").generatePrivate(spec);
        }
    }
}
