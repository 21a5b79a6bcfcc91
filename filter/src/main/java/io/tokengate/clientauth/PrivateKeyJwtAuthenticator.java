package io.tokengate.clientauth;

import com.nimbusds.jwt.SignedJWT;
import io.tokengate.assertion.VerifiedAssertion;
import io.tokengate.assertion.jwt.AssertionKeys;
import io.tokengate.assertion.jwt.JwtAssertionRules;
import io.tokengate.assertion.jwt.JwtAssertionVerifier;
import io.tokengate.error.OAuth2Exception;
import io.tokengate.http.TokenRequest;
import io.tokengate.registry.Client;
import io.tokengate.registry.ClientAuthMethod;
import io.tokengate.registry.TrustedIssuer;
import io.tokengate.replay.ReplayCache;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * {@code private_key_jwt} (RFC 7523 §2.2, §3; OpenID Connect Core §9): a JWT client assertion
 * with iss = sub = client_id, aud the issuer identifier or the token endpoint URL (real clients
 * send either), signed by a key of the client's registered certificate or JWKS, and a {@code jti}
 * that is accepted once.
 */
public final class PrivateKeyJwtAuthenticator implements ClientAuthenticator {
    /** The {@code client_assertion_type} of RFC 7523 §2.2. */
    public static final String JWT_BEARER_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    private final JwtAssertionVerifier verifier;
    private final AssertionKeys keys;
    private final ReplayCache replay;
    private final Set<String> audiences;
    private final Duration maxLifetime;
    private final Duration skew;

    public PrivateKeyJwtAuthenticator(JwtAssertionVerifier verifier, AssertionKeys keys, ReplayCache replay,
            Set<String> audiences, Duration maxLifetime, Duration skew) {
        this.verifier = verifier;
        this.keys = keys;
        this.replay = replay;
        this.audiences = Set.copyOf(audiences);
        this.maxLifetime = maxLifetime;
        this.skew = skew;
    }

    @Override
    public ClientAuthMethod method() {
        return ClientAuthMethod.PRIVATE_KEY_JWT;
    }

    @Override
    public boolean isPresentIn(TokenRequest request) {
        return request.parameter("client_assertion").isPresent() || request.parameter("client_assertion_type").isPresent();
    }

    @Override
    public Optional<String> claimedClientId(TokenRequest request) {
        return request.parameter("client_assertion").map(value -> {
            SignedJWT jwt = JwtAssertionVerifier.parse(value, "client assertion", OAuth2Exception::invalidClient);
            return JwtAssertionVerifier.unverifiedIssuer(jwt, "client assertion");
        });
    }

    @Override
    public AuthenticatedClient authenticate(TokenRequest request, Client client) {
        String type = request.parameter("client_assertion_type").orElse("");
        if (!JWT_BEARER_TYPE.equals(type)) {
            throw OAuth2Exception.invalidClient("client_assertion_type must be " + JWT_BEARER_TYPE);
        }
        SignedJWT jwt = JwtAssertionVerifier.parse(request.requiredParameter("client_assertion"), "client assertion",
                OAuth2Exception::invalidClient);
        JwtAssertionRules rules = new JwtAssertionRules(client.clientId(), client.clientId(), audiences,
                TrustedIssuer.DEFAULT_ALGORITHMS, maxLifetime, skew, "client assertion");
        VerifiedAssertion verified = verifier.verify(jwt, keys.of(client), rules, OAuth2Exception::invalidClient);
        if (!replay.markUsed("client-assertion:" + client.clientId(), verified.id(), verified.expiresAt())) {
            throw OAuth2Exception.invalidClient("the client assertion with jti " + verified.id()
                    + " was already used; send a new assertion for every request");
        }
        return new AuthenticatedClient(client, method(), Optional.empty());
    }
}
