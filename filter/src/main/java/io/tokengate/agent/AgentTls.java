package io.tokengate.agent;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The agent's one TLS context: it presents the client certificate of the key material (when
 * configured) and trusts the configured anchors (or the JDK's defaults). The token client and the
 * adapters all use this context, so a certificate-bound token (RFC 8705 §3) is always sent on a
 * connection presenting the certificate it is bound to.
 */
final class AgentTls {
    private AgentTls() {
    }

    static SSLContext context(TokenAgentConfig config) {
        try {
            KeyManagerFactory keys = null;
            if (config.keyMaterial().isPresent()) {
                ClientKeyMaterial material = config.keyMaterial().get();
                char[] password = new char[0];
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(null, null);
                store.setKeyEntry("client", material.privateKey(), password,
                        material.chain().toArray(new X509Certificate[0]));
                keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keys.init(store, password);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            if (config.trustAnchors().isEmpty()) {
                trust.init((KeyStore) null);
            } else {
                KeyStore anchors = KeyStore.getInstance("PKCS12");
                anchors.load(null, null);
                int i = 0;
                for (X509Certificate anchor : config.trustAnchors()) {
                    anchors.setCertificateEntry("anchor-" + i++, anchor);
                }
                trust.init(anchors);
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys == null ? null : keys.getKeyManagers(), trust.getTrustManagers(), new SecureRandom());
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot build the agent's TLS context from its key material and trust anchors: "
                    + e.getMessage(), e);
        }
    }
}
