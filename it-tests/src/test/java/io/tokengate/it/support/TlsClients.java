package io.tokengate.it.support;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * TLS client set-ups from PEM files, as a client of the gateway has them: trust in the demo CA
 * ({@code cacert.crt}) and, for mutual TLS, a PKCS#8 EC key with its certificate chain. The key
 * manager always presents the given chain, whatever the server asks for, so tests can present
 * expired, self-signed or foreign certificates on purpose.
 */
public final class TlsClients {
    public static final String CA_CERT = "cacert.crt";
    public static final String CA_KEY = "cacert.key";
    public static final String CLIENT_CERT = "client.crt";
    public static final String CLIENT_KEY = "client.key";

    private TlsClients() {
    }

    /** Trusts the CA in {@code caCertFile} and presents no client certificate. */
    public static SSLContext trusting(Path caCertFile) {
        return context(caCertFile, null);
    }

    /** Trusts the CA in {@code caCertFile} and presents {@code chain} (leaf first) with {@code key}. */
    public static SSLContext presenting(Path caCertFile, PrivateKey key, X509Certificate... chain) {
        return context(caCertFile, new KeyManager[] {new FixedKeyManager(key, chain.clone())});
    }

    /** Trusts the CA in {@code caCertFile} and presents {@code credential}'s certificate alone. */
    public static SSLContext presenting(Path caCertFile, Credential credential) {
        return presenting(caCertFile, credential.privateKey(), credential.certificate());
    }

    /** The demo client of a gateway data directory: {@code client.key} and {@code client.crt}, trusting {@code cacert.crt}. */
    public static SSLContext demoClient(Path dataDirectory) {
        return presenting(dataDirectory.resolve(CA_CERT), readPrivateKey(dataDirectory.resolve(CLIENT_KEY)),
                readCertificate(dataDirectory.resolve(CLIENT_CERT)));
    }

    /** The demo CA of a gateway data directory, to issue certificates with. */
    public static Credential demoCa(Path dataDirectory) {
        return new Credential(readCertificate(dataDirectory.resolve(CA_CERT)), readPrivateKey(dataDirectory.resolve(CA_KEY)));
    }

    /** An HTTP/1.1 client over {@code tls}, with timeouts so that a hung server fails the test instead of hanging it. */
    public static HttpClient httpClient(SSLContext tls) {
        return HttpClient.newBuilder().sslContext(tls).version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** The first certificate in a PEM file. */
    public static X509Certificate readCertificate(Path pemFile) {
        try (InputStream in = Files.newInputStream(pemFile)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot read a certificate from " + pemFile, e);
        }
    }

    /** An EC private key from a PKCS#8 PEM file ({@code BEGIN PRIVATE KEY}). */
    public static PrivateKey readPrivateKey(Path pemFile) {
        try {
            String pem = Files.readString(pemFile, StandardCharsets.US_ASCII);
            if (!pem.contains("-----BEGIN PRIVATE KEY-----")) {
                throw new IllegalStateException(pemFile + " is not a PKCS#8 PEM private key");
            }
            String base64 = pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot read a private key from " + pemFile, e);
        }
    }

    private static SSLContext context(Path caCertFile, KeyManager[] keyManagers) {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("ca", readCertificate(caCertFile));
            TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trustManagers.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers, trustManagers.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot build a TLS context trusting " + caCertFile, e);
        }
    }

    /** Presents one chain whenever a server asks for a client certificate. */
    private static final class FixedKeyManager extends X509ExtendedKeyManager {
        private static final String ALIAS = "client";
        private final PrivateKey key;
        private final X509Certificate[] chain;

        FixedKeyManager(PrivateKey key, X509Certificate[] chain) {
            this.key = key;
            this.chain = chain;
            if (chain.length == 0) {
                throw new IllegalArgumentException("a client certificate chain needs the leaf");
            }
        }

        @Override
        public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
            return List.of(keyTypes).contains(key.getAlgorithm()) ? ALIAS : null;
        }

        @Override
        public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
            return chooseClientAlias(keyTypes, issuers, null);
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return key.getAlgorithm().equals(keyType) ? new String[] {ALIAS} : null;
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return ALIAS.equals(alias) ? chain.clone() : null;
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return ALIAS.equals(alias) ? key : null;
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return null;
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return null;
        }
    }
}
