package io.tokengate.grant;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.SignedJWT;
import io.tokengate.assertion.AssertionPolicy;
import io.tokengate.assertion.VerifiedAssertion;
import io.tokengate.assertion.jwt.AssertionKeys;
import io.tokengate.assertion.jwt.JwtAssertionRules;
import io.tokengate.assertion.jwt.JwtAssertionVerifier;
import io.tokengate.clientauth.AuthenticatedClient;
import io.tokengate.error.OAuth2Exception;
import io.tokengate.http.TokenRequest;
import io.tokengate.registry.ClientType;
import io.tokengate.registry.TrustedIssuer;
import io.tokengate.registry.TrustedIssuerRegistry;
import io.tokengate.replay.ReplayCache;
import java.util.List;
import java.util.Set;

/**
 * The JWT bearer grant (RFC 7523 §2.1): {@code grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer}
 * with a user assertion signed by a trusted JWT issuer, or by the requesting client itself when it
 * is a Trusted client (issuer = its client id, key of its registered certificate). The token is
 * issued in the context of the assertion's subject; the assertion's {@code jti} is accepted once,
 * and recorded only after the signature and every claim have been verified.
 */
public final class JwtBearerGrantHandler implements GrantHandler {
    public static final String GRANT_TYPE = "urn:ietf:params:oauth:grant-type:jwt-bearer";
    private static final String PURPOSE = "assertion";

    private final TrustedIssuerRegistry issuers;
    private final AssertionKeys keys;
    private final JwtAssertionVerifier verifier;
    private final ReplayCache replay;
    private final AssertionPolicy policy;
    private final UserTokenMinter minter;

    public JwtBearerGrantHandler(TrustedIssuerRegistry issuers, AssertionKeys keys, JwtAssertionVerifier verifier,
            ReplayCache replay, AssertionPolicy policy, UserTokenMinter minter) {
        this.issuers = issuers;
        this.keys = keys;
        this.verifier = verifier;
        this.replay = replay;
        this.policy = policy;
        this.minter = minter;
    }

    @Override
    public String grantType() {
        return GRANT_TYPE;
    }

    @Override
    public TokenResponse handle(TokenRequest request, AuthenticatedClient client) {
        SignedJWT jwt = JwtAssertionVerifier.parse(request.requiredParameter("assertion"), PURPOSE,
                OAuth2Exception::invalidGrant);
        String issuer = JwtAssertionVerifier.unverifiedIssuer(jwt, PURPOSE);
        List<JWK> candidates;
        Set<com.nimbusds.jose.JWSAlgorithm> algorithms;
        TrustedIssuer trusted = issuers.findIssuer(issuer).filter(i -> i.type() == TrustedIssuer.Type.JWT).orElse(null);
        if (trusted != null) {
            candidates = keys.of(trusted, jwt.getHeader().getKeyID());
            algorithms = trusted.algorithms();
        } else if (issuer.equals(client.clientId()) && client.client().clientType() == ClientType.TRUSTED) {
            candidates = keys.of(client.client());
            algorithms = TrustedIssuer.DEFAULT_ALGORITHMS;
        } else {
            throw OAuth2Exception.invalidGrant("assertion issuer " + issuer + " is not a trusted identity provider"
                    + " (and is not this Trusted client's own id)");
        }
        VerifiedAssertion verified = verifier.verify(jwt, candidates, new JwtAssertionRules(issuer, null,
                policy.audiences(), algorithms, policy.maxLifetime(), policy.skew(), PURPOSE), OAuth2Exception::invalidGrant);
        if (!replay.markUsed("jwt-assertion:" + issuer, verified.id(), verified.expiresAt())) {
            throw OAuth2Exception.invalidGrant("the assertion with jti " + verified.id() + " from " + issuer
                    + " was already used; an assertion is accepted once");
        }
        return minter.mint(verified.subject(), client, request.parameter("scope"));
    }
}
