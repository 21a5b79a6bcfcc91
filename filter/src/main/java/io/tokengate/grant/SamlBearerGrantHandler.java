package io.tokengate.grant;

import io.tokengate.assertion.AssertionPolicy;
import io.tokengate.assertion.VerifiedAssertion;
import io.tokengate.assertion.saml.SamlBearerAssertionValidator;
import io.tokengate.clientauth.AuthenticatedClient;
import io.tokengate.error.OAuth2Exception;
import io.tokengate.http.TokenRequest;
import io.tokengate.registry.ClientRegistry;
import io.tokengate.replay.ReplayCache;
import java.time.Clock;

/**
 * The SAML 2.0 bearer grant (RFC 7522 §2.1):
 * {@code grant_type=urn:ietf:params:oauth:grant-type:saml2-bearer&assertion=<base64url SAML assertion>}.
 * The validator checks signature, issuer, subject, bearer confirmation, conditions and audience;
 * this handler then bounds the assertion's lifetime, refuses an assertion a Trusted client signed
 * for another client, records the assertion ID as used (only now, after everything verified) and
 * issues tokens in the context of the assertion's subject.
 */
public final class SamlBearerGrantHandler implements GrantHandler {
    public static final String GRANT_TYPE = "urn:ietf:params:oauth:grant-type:saml2-bearer";

    private final SamlBearerAssertionValidator validator;
    private final ClientRegistry clients;
    private final ReplayCache replay;
    private final AssertionPolicy policy;
    private final UserTokenMinter minter;
    private final Clock clock;

    public SamlBearerGrantHandler(SamlBearerAssertionValidator validator, ClientRegistry clients, ReplayCache replay,
            AssertionPolicy policy, UserTokenMinter minter, Clock clock) {
        this.validator = validator;
        this.clients = clients;
        this.replay = replay;
        this.policy = policy;
        this.minter = minter;
        this.clock = clock;
    }

    @Override
    public String grantType() {
        return GRANT_TYPE;
    }

    @Override
    public TokenResponse handle(TokenRequest request, AuthenticatedClient client) {
        VerifiedAssertion verified = validator.validate(request.requiredParameter("assertion"));
        if (verified.expiresAt().isAfter(clock.instant().plus(policy.maxLifetime()).plus(policy.skew()))) {
            throw OAuth2Exception.invalidGrant("the SAML assertion is valid until " + verified.expiresAt()
                    + ", too far ahead; at most " + policy.maxLifetime().toMinutes() + " minutes is accepted");
        }
        if (!verified.issuer().equals(client.clientId()) && clients.findClient(verified.issuer()).isPresent()) {
            throw OAuth2Exception.invalidGrant("the SAML assertion was signed by client " + verified.issuer()
                    + "; a Trusted client may only present assertions it signed itself");
        }
        if (!replay.markUsed("saml-assertion:" + verified.issuer(), verified.id(), verified.expiresAt())) {
            throw OAuth2Exception.invalidGrant("the SAML assertion " + verified.id() + " from " + verified.issuer()
                    + " was already used; an assertion is accepted once");
        }
        return minter.mint(verified.subject(), client, request.parameter("scope"));
    }
}
