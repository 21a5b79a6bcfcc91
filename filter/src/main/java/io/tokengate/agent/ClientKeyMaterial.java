package io.tokengate.agent;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * The client's private key and certificate chain (leaf first): presented in mutual TLS to the
 * token endpoint and to resources (so certificate-bound tokens go out on a connection presenting
 * the same certificate, RFC 8705 §3), and used to sign client assertions and the user assertions
 * the agent mints. {@link #toString()} never shows the key.
 *
 * @param privateKey the RSA or EC key of the leaf certificate
 * @param chain      the certificate chain, leaf first, at least one certificate
 */
public record ClientKeyMaterial(PrivateKey privateKey, List<X509Certificate> chain) {

    public ClientKeyMaterial {
        Objects.requireNonNull(privateKey, "privateKey");
        chain = List.copyOf(Objects.requireNonNull(chain, "chain"));
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("client key material needs its certificate (chain is empty)");
        }
        String algorithm = privateKey.getAlgorithm();
        if (!algorithm.equals("RSA") && !algorithm.equals("EC")) {
            throw new IllegalArgumentException("the client key must be RSA or EC, was " + algorithm);
        }
        if (!chain.get(0).getPublicKey().getAlgorithm().equals(algorithm)) {
            throw new IllegalArgumentException("the client key is " + algorithm + " but the certificate "
                    + chain.get(0).getSubjectX500Principal() + " holds a " + chain.get(0).getPublicKey().getAlgorithm() + " key");
        }
    }

    /** Key material of one certificate. */
    public static ClientKeyMaterial of(PrivateKey privateKey, X509Certificate certificate) {
        return new ClientKeyMaterial(privateKey, List.of(certificate));
    }

    /** The leaf certificate. */
    public X509Certificate certificate() {
        return chain.get(0);
    }

    @Override
    public String toString() {
        return "ClientKeyMaterial[" + certificate().getSubjectX500Principal() + ", key hidden]";
    }
}
