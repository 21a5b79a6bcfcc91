package io.tokengate.testing;

import io.tokengate.assertion.saml.OpenSaml;
import io.tokengate.assertion.saml.SamlAssertionBuilder;
import io.tokengate.assertion.saml.SamlAssertionMinter;
import io.tokengate.assertion.saml.SamlBearerValidationSettings;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Test fixture: an identity provider with a fresh RSA or EC key and self-signed certificate that
 * mints signed SAML 2.0 bearer assertions (RFC 7522) through {@link SamlAssertionMinter}, and the
 * validator settings of an authorization server that trusts it. {@link #assertion()} returns a
 * builder already valid for {@link #settings()}; tests change the one value they are about.
 * Reused by other modules' tests and the demo through the filter test-jar.
 */
public final class SamlAssertions {
    public static final String IDP_ISSUER = "https://idp.example.com/saml2";
    public static final String SUBJECT = "alice@example.com";
    public static final String SERVER_ISSUER = "https://as.example.com";
    public static final String TOKEN_ENDPOINT = "https://as.example.com/oauth2/v1/token";
    public static final String DOMAIN_URL = "https://example.com/";
    public static final String SP_SSO_ENDPOINT = "https://as.example.com/fed/v1/sp/sso";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String issuer;
    private final PrivateKey privateKey;
    private final X509Certificate certificate;
    private final SamlAssertionMinter minter;

    private SamlAssertions(String issuer, KeyPair keys, String signatureAlgorithm, Clock clock) {
        this.issuer = issuer;
        this.privateKey = keys.getPrivate();
        this.certificate = selfSigned(keys, signatureAlgorithm, "CN=" + issuer.replaceAll("[,=+]", "_"), clock.instant());
        this.minter = new SamlAssertionMinter(new OpenSaml(), privateKey, certificate, clock);
    }

    /** {@link #IDP_ISSUER} signing with a new RSA 2048 key; assertions issued at {@code clock}'s now. */
    public static SamlAssertions rsa(Clock clock) {
        return rsa(IDP_ISSUER, clock);
    }

    public static SamlAssertions rsa(String issuer, Clock clock) {
        return new SamlAssertions(issuer, keyPair("RSA"), "SHA256withRSA", clock);
    }

    /** {@link #IDP_ISSUER} signing with a new P-256 key. */
    public static SamlAssertions ec(Clock clock) {
        return ec(IDP_ISSUER, clock);
    }

    public static SamlAssertions ec(String issuer, Clock clock) {
        return new SamlAssertions(issuer, keyPair("EC"), "SHA256withECDSA", clock);
    }

    /** An assertion about {@link #SUBJECT} for {@link #TOKEN_ENDPOINT} and audience {@link #SERVER_ISSUER}, valid five minutes. */
    public SamlAssertionBuilder assertion() {
        return minter.newAssertion(issuer, SUBJECT).recipient(TOKEN_ENDPOINT).audience(SERVER_ISSUER);
    }

    /** Settings of {@link #SERVER_ISSUER} trusting this identity provider; adjust and {@code build()}. */
    public SamlBearerValidationSettings.Builder settings() {
        return SamlBearerValidationSettings.builder()
                .trustIssuer(issuer, certificate)
                .acceptRecipients(TOKEN_ENDPOINT, SERVER_ISSUER, DOMAIN_URL, SP_SSO_ENDPOINT)
                .acceptAudiences(SERVER_ISSUER, TOKEN_ENDPOINT);
    }

    public String issuer() {
        return issuer;
    }

    public X509Certificate certificate() {
        return certificate;
    }

    public PrivateKey privateKey() {
        return privateKey;
    }

    public SamlAssertionMinter minter() {
        return minter;
    }

    /** Base64url without padding, as RFC 7522 §2.1 wants the {@code assertion} parameter. */
    public static String encode(String xml) {
        return SamlAssertionMinter.encode(xml);
    }

    /** Standard base64 with padding, as some clients (Oracle IDCS) send it. */
    public static String encodeStandard(String xml) {
        return Base64.getEncoder().encodeToString(xml.getBytes(StandardCharsets.UTF_8));
    }

    private static KeyPair keyPair(String algorithm) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            if (algorithm.equals("EC")) {
                generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            } else {
                generator.initialize(2048, RANDOM);
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509Certificate selfSigned(KeyPair keys, String signatureAlgorithm, String name, Instant now) {
        X500Principal subject = new X500Principal(name);
        try {
            var builder = new JcaX509v3CertificateBuilder(subject, new BigInteger(64, RANDOM).abs(),
                    Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(365))), subject, keys.getPublic());
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder(signatureAlgorithm).build(keys.getPrivate())));
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }
}
