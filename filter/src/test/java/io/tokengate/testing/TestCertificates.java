package io.tokengate.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A fresh test PKI per instance, made with BouncyCastle: a root CA, an intermediate CA issued by
 * it, and a builder for leaf certificates issued by either (or self-signed). Every key is EC P-256
 * and every signature ECDSA with SHA-256. Leaves carry {@code keyUsage=digitalSignature} and
 * {@code extendedKeyUsage=clientAuth} unless told otherwise.
 *
 * <p>Validity is relative to the instant the PKI was made at ({@link #now()}, whole seconds, as
 * X.509 stores it): leaves are valid from an hour before to {@link #LEAF_VALIDITY} after it, the CAs
 * from a year before to ten years after. Tests that check validity use {@link #clock()} or
 * {@code Clock.offset(pki.clock(), …)} rather than the wall clock. Instances are immutable and
 * thread-safe; every call to a builder makes a new key pair and serial number.
 *
 * <pre>{@code
 * TestCertificates pki = TestCertificates.create();
 * IssuedCertificate client = pki.certificate("CN=orders-service, O=Example").sanDns("orders.example.test").build();
 * IssuedCertificate expired = pki.expired("CN=orders-service, O=Example");
 * client.writePem(dir, "client");   // client.crt and client.key for curl
 * }</pre>
 */
public final class TestCertificates {
    public static final String ROOT_DN = "CN=Tokengate Test Root CA, O=Tokengate Tests";
    public static final String INTERMEDIATE_DN = "CN=Tokengate Test Intermediate CA, O=Tokengate Tests";
    /** How long a leaf made with the defaults stays valid after {@link #now()}. */
    public static final Duration LEAF_VALIDITY = Duration.ofDays(30);

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Instant now;
    private final IssuedCertificate root;
    private final IssuedCertificate intermediate;

    private TestCertificates(Instant now) {
        this.now = now.truncatedTo(ChronoUnit.SECONDS);
        this.root = new CertificateBuilder(this, ROOT_DN).selfSigned().certificateAuthority()
                .validity(this.now.minus(Duration.ofDays(365)), this.now.plus(Duration.ofDays(3650))).build();
        this.intermediate = new CertificateBuilder(this, INTERMEDIATE_DN).issuedBy(root).certificateAuthority()
                .validity(this.now.minus(Duration.ofDays(365)), this.now.plus(Duration.ofDays(1825))).build();
    }

    /** A new PKI made at the current time, for tests that talk to real TLS stacks. */
    public static TestCertificates create() {
        return at(Instant.now());
    }

    /** A new PKI made at {@code now}. */
    public static TestCertificates at(Instant now) {
        return new TestCertificates(now);
    }

    /** The instant validity periods are relative to, in whole seconds. */
    public Instant now() {
        return now;
    }

    /** A clock fixed at {@link #now()}, in UTC. */
    public Clock clock() {
        return Clock.fixed(now, ZoneOffset.UTC);
    }

    /** The self-signed root CA: the trust anchor. */
    public IssuedCertificate root() {
        return root;
    }

    /** The intermediate CA, issued by {@link #root()}. */
    public IssuedCertificate intermediate() {
        return intermediate;
    }

    /** A builder for a client certificate with this subject, issued by the intermediate CA unless told otherwise. */
    public CertificateBuilder certificate(String subjectDn) {
        return new CertificateBuilder(this, subjectDn).issuedBy(intermediate);
    }

    /** A valid client certificate issued by the intermediate CA; its chain holds the intermediate. */
    public IssuedCertificate clientIssuedByIntermediate(String subjectDn) {
        return certificate(subjectDn).build();
    }

    /** A valid client certificate issued directly by the root CA. */
    public IssuedCertificate clientIssuedByRoot(String subjectDn) {
        return certificate(subjectDn).issuedBy(root).build();
    }

    /** A client certificate issued by the intermediate CA that expired a day before {@link #now()}. */
    public IssuedCertificate expired(String subjectDn) {
        return certificate(subjectDn).validity(now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1))).build();
    }

    /** A client certificate issued by the intermediate CA that becomes valid a day after {@link #now()}. */
    public IssuedCertificate notYetValid(String subjectDn) {
        return certificate(subjectDn).validity(now.plus(Duration.ofDays(1)), now.plus(Duration.ofDays(30))).build();
    }

    /** A valid self-signed client certificate (not a CA), as RFC 8705 §2.2 clients make them. */
    public IssuedCertificate selfSigned(String subjectDn) {
        return certificate(subjectDn).selfSigned().build();
    }

    /** The unencrypted PKCS#8 PEM ({@code BEGIN PRIVATE KEY}) of a key. */
    public static String privateKeyPem(PrivateKey key) {
        return pem("PRIVATE KEY", key.getEncoded());
    }

    /** The PEM ({@code BEGIN CERTIFICATE}) of one certificate. */
    public static String certificatePem(X509Certificate certificate) {
        try {
            return pem("CERTIFICATE", certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes the certificates to {@code file} as consecutive PEM blocks, e.g. a CA bundle or a chain. */
    public static Path writeCertificatesPem(Path file, List<X509Certificate> certificates) {
        StringBuilder text = new StringBuilder();
        certificates.forEach(c -> text.append(certificatePem(c)));
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            return Files.writeString(file, text, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        String b64 = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + b64 + "\n-----END " + type + "-----\n";
    }

    /**
     * Makes one certificate. Defaults: issued by the PKI's intermediate CA (when obtained from
     * {@link TestCertificates#certificate(String)}), valid from an hour before {@link #now()} to
     * {@link #LEAF_VALIDITY} after it, a client-authentication leaf with no subject alternative
     * names. Not thread-safe; each {@link #build()} makes a new key pair.
     */
    public static final class CertificateBuilder {
        private final String subjectDn;
        private IssuedCertificate issuer;
        private Instant notBefore;
        private Instant notAfter;
        private boolean certificateAuthority;
        private boolean serverAuth;
        private boolean serverAuthOnly;
        private boolean ocspSigning;
        private final List<String> ocspResponders = new ArrayList<>();
        private final List<String> crlDistributionPoints = new ArrayList<>();
        private final List<GeneralName> alternativeNames = new ArrayList<>();

        private CertificateBuilder(TestCertificates pki, String subjectDn) {
            this.subjectDn = Objects.requireNonNull(subjectDn, "subjectDn");
            this.notBefore = pki.now.minus(Duration.ofHours(1));
            this.notAfter = pki.now.plus(LEAF_VALIDITY);
        }

        /** Issued and signed by {@code ca}, whose chain it extends (the root itself is left out). */
        public CertificateBuilder issuedBy(IssuedCertificate ca) {
            this.issuer = Objects.requireNonNull(ca, "ca");
            return this;
        }

        /** Signed with its own key, its issuer its own subject. */
        public CertificateBuilder selfSigned() {
            this.issuer = null;
            return this;
        }

        public CertificateBuilder notBefore(Instant value) {
            this.notBefore = value;
            return this;
        }

        public CertificateBuilder notAfter(Instant value) {
            this.notAfter = value;
            return this;
        }

        public CertificateBuilder validity(Instant from, Instant until) {
            return notBefore(from).notAfter(until);
        }

        /** Adds a {@code dNSName} subject alternative name. */
        public CertificateBuilder sanDns(String name) {
            alternativeNames.add(new GeneralName(GeneralName.dNSName, name));
            return this;
        }

        /** Adds a {@code uniformResourceIdentifier} subject alternative name. */
        public CertificateBuilder sanUri(String uri) {
            alternativeNames.add(new GeneralName(GeneralName.uniformResourceIdentifier, uri));
            return this;
        }

        /** Adds an {@code rfc822Name} (e-mail) subject alternative name. */
        public CertificateBuilder sanEmail(String address) {
            alternativeNames.add(new GeneralName(GeneralName.rfc822Name, address));
            return this;
        }

        /** Adds an {@code iPAddress} subject alternative name (a literal such as {@code 127.0.0.1}). */
        public CertificateBuilder sanIp(String address) {
            alternativeNames.add(new GeneralName(GeneralName.iPAddress, address));
            return this;
        }

        /** Also allows TLS server authentication, for a test server's own certificate. */
        public CertificateBuilder serverAuth() {
            this.serverAuth = true;
            return this;
        }

        /** Allows TLS server authentication only (no clientAuth), to test a certificate issued for another purpose. */
        public CertificateBuilder serverAuthOnly() {
            this.serverAuthOnly = true;
            return this;
        }

        /** A delegated OCSP responder's certificate: extended key usage {@code id-kp-OCSPSigning} only (RFC 6960 §4.2.2.2). */
        public CertificateBuilder ocspSigning() {
            this.ocspSigning = true;
            return this;
        }

        /** Names an OCSP responder in the Authority Information Access extension (RFC 5280 §4.2.2.1). */
        public CertificateBuilder ocspResponder(String url) {
            ocspResponders.add(url);
            return this;
        }

        /** Names a CRL distribution point (RFC 5280 §4.2.1.13). */
        public CertificateBuilder crlDistributionPoint(String url) {
            crlDistributionPoints.add(url);
            return this;
        }

        /** Makes a CA certificate ({@code basicConstraints cA=true}, {@code keyCertSign}) instead of a leaf. */
        public CertificateBuilder certificateAuthority() {
            this.certificateAuthority = true;
            return this;
        }

        public IssuedCertificate build() {
            try {
                KeyPair keys = newKeyPair();
                X500Principal subject = new X500Principal(subjectDn);
                BigInteger serial = new BigInteger(63, RANDOM).add(BigInteger.ONE);
                Date from = Date.from(notBefore);
                Date until = Date.from(notAfter);
                X509v3CertificateBuilder b = issuer == null
                        ? new JcaX509v3CertificateBuilder(subject, serial, from, until, subject, keys.getPublic())
                        : new JcaX509v3CertificateBuilder(issuer.certificate(), serial, from, until, subject, keys.getPublic());
                JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
                b.addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(keys.getPublic()));
                if (issuer != null) {
                    b.addExtension(Extension.authorityKeyIdentifier, false,
                            extensions.createAuthorityKeyIdentifier(issuer.certificate()));
                }
                if (certificateAuthority) {
                    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
                    b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
                } else {
                    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                    b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
                    b.addExtension(Extension.extendedKeyUsage, false, ocspSigning
                            ? new ExtendedKeyUsage(KeyPurposeId.id_kp_OCSPSigning)
                            : serverAuthOnly ? new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth)
                            : serverAuth
                            ? new ExtendedKeyUsage(new KeyPurposeId[] {KeyPurposeId.id_kp_clientAuth, KeyPurposeId.id_kp_serverAuth})
                            : new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
                }
                if (!ocspResponders.isEmpty()) {
                    b.addExtension(Extension.authorityInfoAccess, false, new org.bouncycastle.asn1.x509.AuthorityInformationAccess(
                            ocspResponders.stream().map(u -> new org.bouncycastle.asn1.x509.AccessDescription(
                                    org.bouncycastle.asn1.x509.AccessDescription.id_ad_ocsp,
                                    new GeneralName(GeneralName.uniformResourceIdentifier, u)))
                                    .toArray(org.bouncycastle.asn1.x509.AccessDescription[]::new)));
                }
                if (!crlDistributionPoints.isEmpty()) {
                    b.addExtension(Extension.cRLDistributionPoints, false, new org.bouncycastle.asn1.x509.CRLDistPoint(
                            crlDistributionPoints.stream().map(u -> new org.bouncycastle.asn1.x509.DistributionPoint(
                                    new org.bouncycastle.asn1.x509.DistributionPointName(new GeneralNames(
                                            new GeneralName(GeneralName.uniformResourceIdentifier, u))), null, null))
                                    .toArray(org.bouncycastle.asn1.x509.DistributionPoint[]::new)));
                }
                if (!alternativeNames.isEmpty()) {
                    b.addExtension(Extension.subjectAlternativeName, false,
                            new GeneralNames(alternativeNames.toArray(GeneralName[]::new)));
                }
                PrivateKey signingKey = issuer == null ? keys.getPrivate() : issuer.privateKey();
                X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                        b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signingKey)));
                List<X509Certificate> chain = new ArrayList<>();
                chain.add(certificate);
                if (issuer != null && !isSelfSigned(issuer.certificate())) {
                    chain.addAll(issuer.chain());
                }
                return new IssuedCertificate(certificate, keys.getPrivate(), chain);
            } catch (GeneralSecurityException | CertIOException | OperatorCreationException e) {
                throw new IllegalStateException("cannot make test certificate " + subjectDn, e);
            }
        }

        private static boolean isSelfSigned(X509Certificate c) {
            return c.getSubjectX500Principal().equals(c.getIssuerX500Principal());
        }

        private static KeyPair newKeyPair() throws GeneralSecurityException {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return generator.generateKeyPair();
        }
    }
}
