package io.tokengate.demo;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.tokengate.assertion.saml.OpenSaml;
import io.tokengate.assertion.saml.SamlAssertionMinter;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/**
 * The demo's assertion minting command, used by its scripts: prints a freshly signed, single-use
 * assertion for the token endpoint of {@code ISSUER}.
 * <pre>
 * MintAssertion saml ISSUER SUBJECT [--data DIR]             SAML 2.0 bearer assertion from the demo SAML IdP (RFC 7522)
 * MintAssertion jwt ISSUER SUBJECT [--data DIR]              JWT bearer assertion from the demo JWT issuer (RFC 7523 §2.1)
 * MintAssertion client-assertion ISSUER CLIENT [--data DIR]  private_key_jwt client assertion (RFC 7523 §2.2)
 * </pre>
 */
public final class MintAssertion {
    private static final Duration LIFETIME = Duration.ofMinutes(5);

    private MintAssertion() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: MintAssertion saml|jwt|client-assertion ISSUER SUBJECT_OR_CLIENT [--data DIR]");
            System.exit(2);
        }
        Path data = args.length >= 5 && "--data".equals(args[3]) ? Path.of(args[4]) : Path.of("data");
        System.out.println(mint(args[0], args[1], args[2], new DemoPki(data)));
    }

    /** One assertion of the given kind; the audience is the token endpoint, as most clients send it. */
    public static String mint(String kind, String issuer, String who, DemoPki pki) throws Exception {
        String tokenEndpoint = issuer + "/oauth2/v1/token";
        return switch (kind) {
            case "saml" -> new SamlAssertionMinter(new OpenSaml(), pki.readPrivateKey(DemoIdentities.SAML_IDP_KEY),
                    pki.readCertificate(DemoIdentities.SAML_IDP_CERT), Clock.systemUTC())
                    .newAssertion(DemoIdentities.SAML_IDP_ISSUER, who)
                    .recipient(issuer).audience(issuer).toParameter();
            case "jwt" -> jwt(DemoIdentities.JWT_IDP_ISSUER, who, tokenEndpoint,
                    pki.readPrivateKey(DemoIdentities.JWT_IDP_KEY), pki.readCertificate(DemoIdentities.JWT_IDP_CERT));
            case "client-assertion" -> jwt(who, who, tokenEndpoint,
                    pki.readPrivateKey(DemoIdentities.WEB_APP_KEY), pki.readCertificate(DemoIdentities.WEB_APP_CERT));
            default -> throw new IllegalArgumentException("unknown kind " + kind + "; use saml, jwt or client-assertion");
        };
    }

    /** A JWT signed with the key of {@code certificate}, naming it by its x5t#S256 thumbprint. */
    static String jwt(String iss, String sub, String audience, PrivateKey key, X509Certificate certificate)
            throws JOSEException, java.security.GeneralSecurityException {
        boolean ec = key instanceof ECPrivateKey;
        JWSHeader header = new JWSHeader.Builder(ec ? JWSAlgorithm.ES256 : JWSAlgorithm.RS256)
                .x509CertSHA256Thumbprint(Base64URL.encode(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded())))
                .build();
        Instant now = Instant.now();
        SignedJWT jwt = new SignedJWT(header, new JWTClaimsSet.Builder().issuer(iss).subject(sub).audience(audience)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(LIFETIME)))
                .jwtID(UUID.randomUUID().toString()).build());
        jwt.sign(ec ? new ECDSASigner((ECPrivateKey) key) : new RSASSASigner(key));
        return jwt.serialize();
    }
}
