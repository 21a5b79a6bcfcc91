package io.tokengate.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokengate.cert.Certificates;
import io.tokengate.testing.IssuedCertificate;
import io.tokengate.testing.TestCertificates;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Base64;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x9.X962Parameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The resource filter's HTTP client set-up: trust and client-certificate files, each failure naming its option. */
class OutboundHttpTest {
    private static final String ISSUER = "https://as.tokengate.test";
    private static final String AUDIENCE = "https://demo-api.tokengate.test";

    @TempDir
    Path dir;

    private static KeyPair ecKeyPair() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    @Test
    void privateKeyWhenPkcs8PemThenRead() throws Exception {
        PrivateKey key = ecKeyPair().getPrivate();
        Path file = Files.writeString(dir.resolve("k.pem"), "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(key.getEncoded()) + "\n-----END PRIVATE KEY-----\n");

        assertEquals(((ECPrivateKey) key).getS(), ((ECPrivateKey) OutboundHttp.privateKey(file)).getS());
    }

    @Test
    void privateKeyWhenTraditionalSec1EcPemThenRead() throws Exception {
        ECPrivateKey key = (ECPrivateKey) ecKeyPair().getPrivate();
        byte[] sec1 = new org.bouncycastle.asn1.sec.ECPrivateKey(256, key.getS(),
                new X962Parameters(SECObjectIdentifiers.secp256r1)).getEncoded();
        Path file = Files.writeString(dir.resolve("k.pem"), "-----BEGIN EC PRIVATE KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(sec1) + "\n-----END EC PRIVATE KEY-----\n");

        assertEquals(key.getS(), ((ECPrivateKey) OutboundHttp.privateKey(file)).getS());
    }

    @Test
    void privateKeyWhenFileHoldsACertificateThenRefusedNamingTheOption() throws Exception {
        IssuedCertificate client = TestCertificates.at(Instant.now()).clientIssuedByIntermediate("CN=rs");
        Path file = Files.writeString(dir.resolve("k.pem"), Certificates.toPem(client.certificate()));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OutboundHttp.privateKey(file));

        assertTrue(e.getMessage().startsWith("introspection-client-key: "), e.getMessage());
    }

    @Test
    void clientWhenTrustFileHoldsNoCertificateThenRefusedNamingTheOption() throws Exception {
        Path empty = Files.writeString(dir.resolve("ca.pem"), "");
        ResourceServerConfig c = ResourceServerConfig.builder(ISSUER, AUDIENCE).tlsTrustFile(empty).build();

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OutboundHttp.client(c));

        assertTrue(e.getMessage().startsWith("tls-trust-file: "), e.getMessage());
    }

    @Test
    void clientWhenTrustFileAndClientCertificateGivenThenTlsContextHasBoth() throws Exception {
        TestCertificates pki = TestCertificates.at(Instant.now());
        IssuedCertificate client = pki.clientIssuedByIntermediate("CN=rs");
        Path ca = Files.writeString(dir.resolve("ca.pem"), Certificates.toPem(client.certificate()));
        Path key = Files.writeString(dir.resolve("rs.key"), "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(client.privateKey().getEncoded()) + "\n-----END PRIVATE KEY-----\n");
        ResourceServerConfig c = ResourceServerConfig.builder(ISSUER, AUDIENCE).tlsTrustFile(ca)
                .introspection(IntrospectionSettings.builder(IntrospectionMode.OPAQUE).clientCertificate(ca, key).build())
                .build();

        HttpClient http = OutboundHttp.client(c);

        assertEquals(HttpClient.Version.HTTP_1_1, http.version());
        assertNotSame(javax.net.ssl.SSLContext.getDefault(), http.sslContext());
    }
}
