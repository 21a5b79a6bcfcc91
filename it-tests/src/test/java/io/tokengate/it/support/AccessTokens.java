package io.tokengate.it.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.http.HttpClient;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.text.ParseException;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a token response and its access token the way a resource server would, from what
 * crossed the wire only: the RFC 6749 §5.1 JSON, then the RFC 9068 JWT verified against the key
 * fetched from the gateway's JWKS over TLS, then its claims, including the RFC 8705 §3.1
 * {@code cnf.x5t#S256} binding, computed here independently from the certificate's DER.
 */
public final class AccessTokens {
    public static final String JWKS_PATH = "/oauth2/v1/keys";

    private AccessTokens() {
    }

    /**
     * A successful token response: 200, {@code Cache-Control: no-store}, JSON with a Bearer
     * {@code access_token}, {@code expires_in} and the expected {@code scope}.
     *
     * @return the parsed JSON
     */
    public static Map<String, Object> assertTokenResponse(HttpAnswer answer, String expectedScope) {
        Map<String, Object> json = assertTokenResponseShape(answer, expectedScope);
        assertNull(json.get("refresh_token"), "no refresh token for a client's own token");
        return json;
    }

    /**
     * A successful token response that also carries a refresh token (RFC 6749 §5.1), as the
     * password and assertion grants send when {@code offline_access} was asked for.
     *
     * @return the parsed JSON
     */
    public static Map<String, Object> assertTokenResponseWithRefreshToken(HttpAnswer answer, String expectedScope) {
        Map<String, Object> json = assertTokenResponseShape(answer, expectedScope);
        String refreshToken = assertInstanceOf(String.class, json.get("refresh_token"), "refresh_token");
        assertFalse(refreshToken.isBlank(), "refresh_token is empty");
        return json;
    }

    private static Map<String, Object> assertTokenResponseShape(HttpAnswer answer, String expectedScope) {
        assertEquals(200, answer.status(), () -> "token request refused: " + answer);
        assertEquals("no-store", answer.header("Cache-Control").orElse(null), "Cache-Control");
        assertEquals("application/json", answer.mediaType(), "Content-Type");
        Map<String, Object> json = answer.json();
        assertInstanceOf(String.class, json.get("access_token"), "access_token");
        assertEquals("Bearer", json.get("token_type"));
        assertInstanceOf(Number.class, json.get("expires_in"), "expires_in");
        assertTrue(((Number) json.get("expires_in")).longValue() > 0, "expires_in > 0");
        assertEquals(expectedScope, json.get("scope"));
        return json;
    }

    /**
     * Verifies the access token of {@code tokenResponse} and its claims.
     *
     * @param jwksClient  an HTTP client trusting the gateway, to fetch {@code {issuer}/oauth2/v1/keys}
     * @param boundTo     the certificate the token must be bound to, or empty when it must carry no {@code cnf}
     * @return the verified claims
     */
    public static JWTClaimsSet assertAccessToken(Map<String, Object> tokenResponse, String issuer, String clientId,
            String audience, Optional<X509Certificate> boundTo, HttpClient jwksClient) {
        return assertAccessToken(tokenResponse, issuer, clientId, clientId, audience, boundTo, jwksClient);
    }

    /**
     * Verifies an access token issued in the context of {@code subject} (a user named by a
     * password or an assertion) to {@code clientId}. The token's {@code scope} is exactly the
     * response's, {@code offline_access} included (RFC 6749 §5.1: the response states the access
     * token's scope).
     *
     * @return the verified claims
     */
    public static JWTClaimsSet assertAccessToken(Map<String, Object> tokenResponse, String issuer, String subject,
            String clientId, String audience, Optional<X509Certificate> boundTo, HttpClient jwksClient) {
        JWTClaimsSet claims = verify((String) tokenResponse.get("access_token"), issuer, jwksClient);
        try {
            assertEquals(issuer, claims.getIssuer(), "iss");
            assertEquals(subject, claims.getSubject(), "sub");
            assertEquals(clientId, claims.getStringClaim("client_id"), "client_id");
            assertTrue(claims.getAudience().contains(audience), () -> "aud " + claims.getAudience());
            assertEquals(tokenResponse.get("scope"), claims.getStringClaim("scope"), "scope");
            assertNotNull(claims.getIssueTime(), "iat");
            assertNotNull(claims.getExpirationTime(), "exp");
            assertTrue(claims.getExpirationTime().after(claims.getIssueTime()), "exp after iat");
            assertEquals(((Number) tokenResponse.get("expires_in")).longValue(),
                    (claims.getExpirationTime().getTime() - claims.getIssueTime().getTime()) / 1000, "exp - iat = expires_in");
            assertNotNull(claims.getJWTID(), "jti");
            assertFalse(claims.getJWTID().isBlank(), "jti");
            Map<String, Object> cnf = claims.getJSONObjectClaim("cnf");
            if (boundTo.isPresent()) {
                assertNotNull(cnf, "cnf of a certificate-bound token");
                assertEquals(x5tS256(boundTo.get()), cnf.get("x5t#S256"), "cnf.x5t#S256");
            } else {
                assertNull(cnf, "cnf of a token not bound to a certificate");
            }
        } catch (ParseException e) {
            throw new AssertionError("a claim has the wrong type: " + e.getMessage(), e);
        }
        return claims;
    }

    /** Verifies the ES256 signature with the JWKS key named by {@code kid}, {@code typ: at+jwt} and {@code iss}. */
    public static JWTClaimsSet verify(String accessToken, String issuer, HttpClient jwksClient) {
        try {
            SignedJWT jwt = SignedJWT.parse(accessToken);
            assertEquals(JWSAlgorithm.ES256, jwt.getHeader().getAlgorithm(), "alg");
            assertEquals(new JOSEObjectType("at+jwt"), jwt.getHeader().getType(), "typ (RFC 9068 §2.1)");
            String kid = jwt.getHeader().getKeyID();
            assertNotNull(kid, "kid");
            HttpAnswer keys = Https.get(jwksClient, issuer + JWKS_PATH);
            assertEquals(200, keys.status(), () -> "JWKS: " + keys);
            JWKSet set = JWKSet.parse(keys.body());
            set.getKeys().forEach(k -> assertFalse(k.isPrivate(), "the JWKS publishes a private key: " + k.getKeyID()));
            JWK key = set.getKeyByKeyId(kid);
            assertNotNull(key, () -> "no key " + kid + " in " + keys.body());
            ECKey ecKey = assertInstanceOf(ECKey.class, key);
            assertTrue(jwt.verify(new ECDSAVerifier(ecKey)), "the signature verifies with the JWKS key");
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            assertEquals(issuer, claims.getIssuer(), "iss");
            return claims;
        } catch (ParseException | JOSEException e) {
            throw new AssertionError("not a verifiable JWT: " + e.getMessage(), e);
        }
    }

    /** Base64url (no padding) of the SHA-256 of the DER encoding (RFC 8705 §3.1). */
    public static String x5tS256(X509Certificate certificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
