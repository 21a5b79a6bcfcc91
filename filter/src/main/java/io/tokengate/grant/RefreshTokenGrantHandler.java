package io.tokengate.grant;

import io.tokengate.clientauth.AuthenticatedClient;
import io.tokengate.error.OAuth2Exception;
import io.tokengate.http.TokenRequest;
import io.tokengate.refresh.RefreshTokens;
import io.tokengate.refresh.StoredRefreshToken;
import io.tokengate.refresh.StoredRefreshToken.State;
import io.tokengate.registry.ResourceRegistry;
import io.tokengate.registry.ResourceServer;
import io.tokengate.token.AccessTokenClaims;
import io.tokengate.token.AccessTokenIssuer;
import io.tokengate.token.IssuedToken;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The refresh token grant (RFC 6749 §6), {@code grant_type=refresh_token&refresh_token=…&scope=…},
 * with rotation and reuse detection (OAuth 2.0 Security BCP §4.14.2). In order:
 * <ol>
 *   <li>unknown token → {@code invalid_grant};</li>
 *   <li>a token issued to another client → {@code invalid_grant}, and the owner's family is left
 *       alone (whoever presents it cannot use it, and must not be able to cancel it);</li>
 *   <li>a token bound to a certificate (RFC 8705 §3) needs the client to have authenticated with
 *       that certificate → else {@code invalid_grant};</li>
 *   <li>revoked or expired → {@code invalid_grant};</li>
 *   <li>a token already rotated, presented again — or rotated by a concurrent request while this
 *       one was running — is reuse: the whole family is revoked and {@code invalid_grant}
 *       "{@value #REUSED}" is sent;</li>
 *   <li>{@code scope} may narrow the family's scopes (the successor keeps the narrower set) but
 *       never widen them → {@code invalid_scope}.</li>
 * </ol>
 * On success the token is rotated and the response carries a new access token for the family's
 * subject (bound to the client's certificate when it used one) and the successor refresh token;
 * {@code offline_access} stays in {@code scope}; the access token names the family
 * ({@value io.tokengate.token.AccessTokenClaims#FAMILY_CLAIM}), so revoking the family revokes it
 * too. The access token is signed before the rotation,
 * so a signing failure does not burn the refresh token.
 */
public final class RefreshTokenGrantHandler implements GrantHandler {
    public static final String GRANT_TYPE = "refresh_token";
    public static final String REUSED = "refresh token was already used; the token family has been revoked";

    private final RefreshTokens refreshTokens;
    private final ResourceRegistry resources;
    private final AccessTokenIssuer issuer;

    public RefreshTokenGrantHandler(RefreshTokens refreshTokens, ResourceRegistry resources, AccessTokenIssuer issuer) {
        this.refreshTokens = Objects.requireNonNull(refreshTokens, "refreshTokens");
        this.resources = Objects.requireNonNull(resources, "resources");
        this.issuer = Objects.requireNonNull(issuer, "issuer");
    }

    @Override
    public String grantType() {
        return GRANT_TYPE;
    }

    @Override
    public TokenResponse handle(TokenRequest request, AuthenticatedClient client) {
        StoredRefreshToken current = refreshTokens.find(request.requiredParameter("refresh_token"))
                .orElseThrow(() -> OAuth2Exception.invalidGrant("the refresh token is not valid; sign in again"));
        if (!current.clientId().equals(client.clientId())) {
            throw OAuth2Exception.invalidGrant("the refresh token was issued to another client");
        }
        if (current.thumbprint().isPresent() && !current.thumbprint().equals(client.boundThumbprint())) {
            throw OAuth2Exception.invalidGrant("the refresh token is bound to a client certificate (RFC 8705 §3);"
                    + " authenticate with that certificate");
        }
        if (current.state() == State.REVOKED) {
            throw OAuth2Exception.invalidGrant("the refresh token has been revoked; sign in again");
        }
        if (refreshTokens.isExpired(current)) {
            throw OAuth2Exception.invalidGrant("the refresh token has expired; sign in again");
        }
        if (current.state() == State.ROTATED) {
            throw reused(current);
        }
        List<String> scopes = narrowed(current, request.parameter("scope"));
        List<String> audiences = scopes.equals(current.scopes()) ? current.audiences() : audiencesOf(scopes, current);
        List<String> responseScopes = new ArrayList<>(scopes);
        responseScopes.add(ScopeResolver.OFFLINE_ACCESS);
        IssuedToken accessToken = issuer.issue(new AccessTokenClaims(current.subject(), client.clientId(),
                responseScopes, audiences, client.boundThumbprint(), Optional.of(current.familyId())));
        String successor = refreshTokens.rotate(current, scopes, audiences).orElseThrow(() -> reused(current));
        return new TokenResponse(accessToken.value(), "Bearer", accessToken.expiresIn(), responseScopes,
                Optional.of(successor));
    }

    private OAuth2Exception reused(StoredRefreshToken current) {
        refreshTokens.revokeFamily(current);
        return OAuth2Exception.invalidGrant(REUSED);
    }

    /** The family's scopes, or the requested subset of them in the family's order. */
    private static List<String> narrowed(StoredRefreshToken current, Optional<String> requested) {
        Set<String> asked = new LinkedHashSet<>(Arrays.asList(requested.orElse("").split(" ")));
        asked.remove("");
        asked.remove(ScopeResolver.OFFLINE_ACCESS);
        if (asked.isEmpty()) {
            return current.scopes();
        }
        List<String> widening = asked.stream().filter(s -> !current.scopes().contains(s)).toList();
        if (!widening.isEmpty()) {
            throw OAuth2Exception.invalidScope("scope " + String.join(" ", widening) + " was not granted with this"
                    + " refresh token; a refresh may narrow the scopes, never widen them (RFC 6749 §6)");
        }
        return current.scopes().stream().filter(asked::contains).toList();
    }

    /** The family's audiences that the narrowed scopes still belong to. */
    private List<String> audiencesOf(List<String> scopes, StoredRefreshToken current) {
        Set<String> audiences = new LinkedHashSet<>();
        for (String scope : scopes) {
            resources.findResourceServerForScope(scope).map(ResourceServer::audience)
                    .filter(current.audiences()::contains).ifPresent(audiences::add);
        }
        return List.copyOf(audiences);
    }
}
