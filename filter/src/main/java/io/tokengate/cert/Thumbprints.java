package io.tokengate.cert;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;

/** Certificate thumbprints as RFC 8705 §3.1 and RFC 7515 §4.1.8 define them. */
public final class Thumbprints {
    private Thumbprints() {
    }

    /** Base64url (no padding) of the SHA-256 digest of the DER encoding: the {@code x5t#S256} value. */
    public static String x5tS256(X509Certificate certificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (CertificateEncodingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot encode certificate " + Certificates.describe(certificate), e);
        }
    }
}
