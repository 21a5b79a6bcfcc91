package io.tokengate.benchmarks;

import io.tokengate.cert.Certificates;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A CA and one client certificate signed by it, EC P-256, made with BouncyCastle the way the demo
 * PKI makes them (the filter's test-jar has no certificate fixture to reuse). For benchmarks only:
 * nothing is written to disk.
 *
 * @param ca     the CA certificate
 * @param client the client's leaf certificate, valid from five minutes ago for 825 days
 */
record BenchmarkPki(X509Certificate ca, X509Certificate client) {

    /** A fresh CA and a client certificate with subject {@code clientSubject}. */
    static BenchmarkPki create(String clientSubject) {
        try {
            SecureRandom random = new SecureRandom();
            KeyPair caKeys = ecKeyPair(random);
            X500Principal caName = new X500Principal("CN=Tokengate Benchmark CA, O=Tokengate");
            X509v3CertificateBuilder ca = builder(caName, caKeys.getPublic(), caName, random);
            ca.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            ca.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            KeyPair clientKeys = ecKeyPair(random);
            X509v3CertificateBuilder client = builder(new X500Principal(clientSubject), clientKeys.getPublic(),
                    caName, random);
            client.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            client.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            client.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
            return new BenchmarkPki(sign(ca, caKeys.getPrivate()), sign(client, caKeys.getPrivate()));
        } catch (Exception e) {
            throw new IllegalStateException("cannot create the benchmark PKI", e);
        }
    }

    /** A separate parse of the client certificate, as a container would hand it over from the TLS session. */
    X509Certificate clientAsPresented() {
        return Certificates.parseOne(Certificates.toPem(client).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    private static KeyPair ecKeyPair(SecureRandom random) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), random);
        return generator.generateKeyPair();
    }

    private static X509v3CertificateBuilder builder(X500Principal subject, PublicKey key, X500Principal issuer,
            SecureRandom random) throws Exception {
        Instant now = Instant.now();
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer, new BigInteger(64, random).abs(),
                Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(Duration.ofDays(825))), subject, key);
        b.addExtension(Extension.subjectKeyIdentifier, false, new JcaX509ExtensionUtils().createSubjectKeyIdentifier(key));
        return b;
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey issuerKey) throws Exception {
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey)));
    }
}
