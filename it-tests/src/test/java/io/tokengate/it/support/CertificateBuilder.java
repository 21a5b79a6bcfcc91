package io.tokengate.it.support;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
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
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Makes the certificates the end-to-end tests present, with BouncyCastle: EC P-256 keys
 * (RSA 2048 after {@link #rsa()}), signed with SHA-256, self-signed unless an issuer is given, a client-authentication leaf unless
 * {@link #certificateAuthority()} is called. Valid from an hour ago for a year unless
 * {@link #validity} says otherwise. Not thread-safe; one builder per certificate.
 *
 * <pre>{@code
 * Credential ca = CertificateBuilder.subject("CN=Other CA").certificateAuthority().build();
 * Credential leaf = CertificateBuilder.subject("CN=pki-client").issuer(ca).build();
 * Credential expired = CertificateBuilder.subject("CN=old").validity(lastYear, yesterday).build();
 * }</pre>
 */
public final class CertificateBuilder {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final X500Principal subject;
    private Credential issuer;
    private boolean certificateAuthority;
    private boolean rsa;
    private String serverName;
    private Instant notBefore = Instant.now().minus(Duration.ofHours(1));
    private Instant notAfter = Instant.now().plus(Duration.ofDays(365));

    private CertificateBuilder(String subjectDn) {
        this.subject = new X500Principal(subjectDn);
    }

    /** A builder for a certificate with this subject DN (RFC 4514 form). */
    public static CertificateBuilder subject(String subjectDn) {
        return new CertificateBuilder(subjectDn);
    }

    /** Signed by {@code ca}; without it the certificate is self-signed. */
    public CertificateBuilder issuer(Credential ca) {
        this.issuer = ca;
        return this;
    }

    /** A CA certificate ({@code basicConstraints cA}, {@code keyCertSign}). */
    public CertificateBuilder certificateAuthority() {
        this.certificateAuthority = true;
        return this;
    }

    /** An RSA 2048 key instead of EC P-256, as SAML identity providers mostly sign with. */
    public CertificateBuilder rsa() {
        this.rsa = true;
        return this;
    }

    /** A TLS server leaf for {@code dnsName}: that DNS subjectAltName and {@code serverAuth} instead of {@code clientAuth}. */
    public CertificateBuilder serverName(String dnsName) {
        this.serverName = dnsName;
        return this;
    }

    public CertificateBuilder validity(Instant from, Instant until) {
        this.notBefore = from;
        this.notAfter = until;
        return this;
    }

    public Credential build() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(rsa ? "RSA" : "EC");
            if (rsa) {
                generator.initialize(2048, RANDOM);
            } else {
                generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            }
            KeyPair keys = generator.generateKeyPair();
            X500Principal issuerName = issuer == null ? subject : issuer.certificate().getSubjectX500Principal();
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuerName, new BigInteger(63, RANDOM),
                    Date.from(notBefore), Date.from(notAfter), subject, keys.getPublic());
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            b.addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(keys.getPublic()));
            if (issuer != null) {
                b.addExtension(Extension.authorityKeyIdentifier, false,
                        extensions.createAuthorityKeyIdentifier(issuer.certificate()));
            }
            if (certificateAuthority) {
                b.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
                b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            } else {
                b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
                b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                        serverName == null ? KeyPurposeId.id_kp_clientAuth : KeyPurposeId.id_kp_serverAuth));
                if (serverName != null) {
                    b.addExtension(Extension.subjectAlternativeName, false,
                            new GeneralNames(new GeneralName(GeneralName.dNSName, serverName)));
                }
            }
            var signingKey = issuer == null ? keys.getPrivate() : issuer.privateKey();
            var certificate = new JcaX509CertificateConverter().getCertificate(
                    b.build(new JcaContentSignerBuilder(signatureAlgorithm(signingKey)).build(signingKey)));
            return new Credential(certificate, keys.getPrivate());
        } catch (GeneralSecurityException | org.bouncycastle.operator.OperatorCreationException
                | org.bouncycastle.cert.CertIOException e) {
            throw new IllegalStateException("cannot build a certificate for " + subject, e);
        }
    }

    private static String signatureAlgorithm(java.security.PrivateKey key) {
        return "RSA".equals(key.getAlgorithm()) ? "SHA256withRSA" : "SHA256withECDSA";
    }
}
