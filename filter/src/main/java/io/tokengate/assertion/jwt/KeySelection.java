package io.tokengate.assertion.jwt;

import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.X509CertUtils;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * Chooses the candidate keys for a JWS header (RFC 7515 §4.1): by {@code kid} when the header has
 * one, else by the {@code x5t#S256} or {@code x5t} certificate thumbprint (as Oracle Identity
 * Cloud Service's clients send it), else every key.
 */
final class KeySelection {
    private KeySelection() {
    }

    static List<JWK> select(JWSHeader header, List<JWK> keys) {
        if (header.getKeyID() != null) {
            List<JWK> byKid = keys.stream().filter(k -> header.getKeyID().equals(k.getKeyID())).toList();
            if (!byKid.isEmpty() || header.getX509CertSHA256Thumbprint() == null && header.getX509CertThumbprint() == null) {
                return byKid;
            }
        }
        if (header.getX509CertSHA256Thumbprint() != null) {
            return keys.stream().filter(k -> header.getX509CertSHA256Thumbprint().equals(thumbprint(k, "SHA-256"))).toList();
        }
        @SuppressWarnings("deprecation")
        Base64URL sha1 = header.getX509CertThumbprint();
        if (sha1 != null) {
            return keys.stream().filter(k -> sha1.equals(thumbprint(k, "SHA-1"))).toList();
        }
        return keys;
    }

    @SuppressWarnings("deprecation")
    private static Base64URL thumbprint(JWK key, String digest) {
        Base64URL declared = "SHA-256".equals(digest) ? key.getX509CertSHA256Thumbprint() : key.getX509CertThumbprint();
        if (declared != null) {
            return declared;
        }
        if (key.getX509CertChain() == null || key.getX509CertChain().isEmpty()) {
            return null;
        }
        try {
            byte[] der = key.getX509CertChain().get(0).decode();
            if (X509CertUtils.parse(der) == null) {
                return null;
            }
            return Base64URL.encode(MessageDigest.getInstance(digest).digest(der));
        } catch (NoSuchAlgorithmException e) {
            return null;
        }
    }
}
