package io.tokengate.it.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The XML Security Library's command line ({@code xmlsec1}, Debian package {@code xmlsec1}) as an
 * independent implementation of XML Signature: it signs SAML assertions from a template holding
 * an empty {@code ds:Signature}, and verifies what the gateway's own minter signs. The SAML
 * {@code ID} attribute is declared with {@code --id-attr:ID} so that {@code Reference URI="#…"}
 * resolves without a schema. Runs through {@link Curl#run}, with its timeout and error report.
 */
public final class XmlSec1 {
    public static final String COMMAND = "xmlsec1";
    private static final String ASSERTION = "urn:oasis:names:tc:SAML:2.0:assertion:Assertion";

    private XmlSec1() {
    }

    /** Whether {@code xmlsec1} is on the {@code PATH}. */
    public static boolean isInstalled() {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        return Stream.of(path.split(":")).anyMatch(dir -> Files.isExecutable(Path.of(dir, COMMAND)));
    }

    /**
     * Fills in the enveloped signature template of {@code templateXml}: digest, signature value
     * and the certificate in {@code X509Data}.
     *
     * @param privateKeyPem  PEM private key (PKCS#8 or traditional)
     * @param certificatePem the key's certificate, put into {@code KeyInfo}
     * @return the signed document as {@code xmlsec1} prints it
     */
    public static String sign(Path workDirectory, String templateXml, Path privateKeyPem, Path certificatePem) {
        Path template = write(workDirectory, "unsigned-", templateXml);
        try {
            return Curl.run(workDirectory, List.of(COMMAND, "--sign", "--privkey-pem", privateKeyPem + "," + certificatePem,
                    "--id-attr:ID", ASSERTION, template.toString()));
        } finally {
            delete(template);
        }
    }

    /**
     * Verifies the enveloped signature of {@code signedXml} with the key of {@code certificatePem}
     * alone: the certificate the document carries in {@code KeyInfo} is not used.
     *
     * @throws AssertionError when {@code xmlsec1} does not accept the signature, with its report
     */
    public static void verify(Path workDirectory, String signedXml, Path certificatePem) {
        Path signed = write(workDirectory, "signed-", signedXml);
        try {
            Curl.run(workDirectory, List.of(COMMAND, "--verify", "--enabled-key-data", "key-name",
                    "--pubkey-cert-pem", certificatePem.toString(),
                    "--id-attr:ID", ASSERTION, signed.toString()));
        } finally {
            delete(signed);
        }
    }

    private static Path write(Path directory, String prefix, String xml) {
        try {
            Path file = Files.createTempFile(directory, prefix, ".xml");
            Files.writeString(file, xml, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new IllegalStateException("cannot write an XML file for xmlsec1 in " + directory, e);
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a file left in the test's temporary directory does not change the result
        }
    }
}
