package io.tokengate.benchmarks;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import io.tokengate.token.AccessTokenIssuer;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * A typical certificate-bound access token in the RFC 9068 profile, as the issuer writes it for
 * the demo client: ten claims (iss, sub, aud, exp, iat, nbf, jti, client_id, scope, cnf) and the
 * header {@code typ: at+jwt} with a {@code kid}.
 */
final class SampleToken {
    static final String CLIENT_ID = "demo-batch-client";
    static final String AUDIENCE = "https://demo-api.tokengate.test/";
    static final String SCOPE = AUDIENCE + "orders.read";

    private SampleToken() {
    }

    static JWTClaimsSet claims() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer("https://localhost:8443")
                .subject(CLIENT_ID)
                .audience(List.of(AUDIENCE))
                .expirationTime(Date.from(now.plus(Duration.ofHours(1))))
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .jwtID("q1Zg7b3H2Xn0c9yR4vT8wA")
                .claim("client_id", CLIENT_ID)
                .claim("scope", SCOPE)
                .claim("cnf", Map.of("x5t#S256", "bwcK0esc3ACC3DB2Y5_lESsXE8o9ltc05O89jdN-dg2"))
                .build();
    }

    static JWSHeader header(JWSAlgorithm algorithm, String keyId) {
        return new JWSHeader.Builder(algorithm).type(AccessTokenIssuer.AT_JWT).keyID(keyId).build();
    }
}
