package io.tokengate.resource;

import io.tokengate.cert.Certificates;
import java.io.IOException;
import java.io.Reader;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * The one HTTP client a resource filter talks to its authorization server with (metadata, JWKS,
 * introspection): HTTP/1.1, the configured connect timeout, redirects followed except from https
 * to http, and TLS that trusts the {@code tls-trust-file} CAs (the JVM's trust store when unset)
 * and, for {@code tls_client_auth} introspection, presents the configured client certificate
 * (RFC 8705 §2). Files are read once, at start-up; a bad file fails there, naming the option.
 */
final class OutboundHttp {
    private OutboundHttp() {
    }

    static HttpClient client(ResourceServerConfig config) {
        HttpClient.Builder b = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(config.jwksTimeout().compareTo(config.introspection().timeout()) > 0
                        ? config.jwksTimeout() : config.introspection().timeout())
                .followRedirects(HttpClient.Redirect.NORMAL);
        IntrospectionSettings introspection = config.introspection();
        if (config.tlsTrustFile().isPresent() || introspection.mutualTls()) {
            b.sslContext(tls(config.tlsTrustFile().orElse(null),
                    introspection.mutualTls() ? introspection.clientCertificateFile().get() : null,
                    introspection.clientKeyFile().orElse(null)));
        }
        return b.build();
    }

    private static SSLContext tls(Path trustFile, Path certificateFile, Path keyFile) {
        try {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            if (trustFile == null) {
                trust.init((KeyStore) null);
            } else {
                trust.init(trustStore(trustFile));
            }
            KeyManagerFactory keys = null;
            if (certificateFile != null) {
                char[] password = "in-memory".toCharArray();
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(null, null);
                List<X509Certificate> chain = certificates(IntrospectionSettings.CLIENT_CERTIFICATE, certificateFile);
                store.setKeyEntry("client", privateKey(keyFile), password, chain.toArray(new X509Certificate[0]));
                keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keys.init(store, password);
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys == null ? null : keys.getKeyManagers(), trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("cannot set up TLS to the authorization server: " + e.getMessage(), e);
        }
    }

    private static KeyStore trustStore(Path file) throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        int i = 0;
        for (X509Certificate c : certificates(ResourceServerConfig.TLS_TRUST_FILE, file)) {
            store.setCertificateEntry("ca-" + i++, c);
        }
        return store;
    }

    private static List<X509Certificate> certificates(String option, Path file) {
        List<X509Certificate> all;
        try {
            all = Certificates.read(file);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + ": " + e.getMessage(), e);
        }
        if (all.isEmpty()) {
            throw new IllegalArgumentException(option + ": " + file + " holds no certificate");
        }
        return all;
    }

    /** A PEM private key: PKCS#8 ({@code BEGIN PRIVATE KEY}) or traditional ({@code BEGIN EC/RSA PRIVATE KEY}), unencrypted. */
    static PrivateKey privateKey(Path file) {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser pem = new PEMParser(in)) {
            Object object = pem.readObject();
            // BouncyCastle reads SEC1 EC keys whose curve is named only inside the key; the JDK's
            // provider is then given the key as PKCS#8, so that JSSE signs with its own classes.
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter().setProvider(new BouncyCastleProvider());
            PrivateKeyInfo info = object instanceof PrivateKeyInfo i ? i
                    : object instanceof PEMKeyPair pair ? pair.getPrivateKeyInfo() : null;
            if (info != null) {
                PrivateKey key = converter.getPrivateKey(info);
                String algorithm = key.getAlgorithm().equals("ECDSA") ? "EC" : key.getAlgorithm();
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(key.getEncoded()));
            }
            throw new IllegalArgumentException(IntrospectionSettings.CLIENT_KEY + ": " + file + " holds no unencrypted PEM"
                    + " private key");
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException(IntrospectionSettings.CLIENT_KEY + ": cannot read " + file + ": "
                    + e.getMessage(), e);
        }
    }
}
