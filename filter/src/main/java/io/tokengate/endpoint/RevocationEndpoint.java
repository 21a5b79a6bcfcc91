package io.tokengate.endpoint;

import com.nimbusds.jwt.JWTClaimsSet;
import io.tokengate.cert.ClientCertificateResolver;
import io.tokengate.clientauth.AuthenticatedClient;
import io.tokengate.clientauth.ClientAuthentication;
import io.tokengate.error.ErrorCode;
import io.tokengate.error.ErrorResponseWriter;
import io.tokengate.error.OAuth2Exception;
import io.tokengate.http.TokenRequest;
import io.tokengate.refresh.RefreshTokens;
import io.tokengate.refresh.StoredRefreshToken;
import io.tokengate.revocation.AccessTokenDenylist;
import io.tokengate.revocation.RevokedAccessTokens;
import io.tokengate.token.OwnAccessTokens;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The token revocation endpoint (RFC 7009 §2). The client authenticates as at the token endpoint
 * (same methods, same {@code invalid_client} 401 with {@code WWW-Authenticate}); a public client
 * is identified by its {@code client_id}, as RFC 7009 §2.1 allows. Then {@code token}:
 * <ul>
 *   <li>a refresh token issued to the caller: its whole family is revoked, so neither it nor any
 *       successor can be exchanged again, and so are the access tokens minted from the family
 *       (RFC 7009 §2.1; they name it in {@value io.tokengate.token.AccessTokenClaims#FAMILY_CLAIM}),
 *       denied by family until the longest-lived of them has expired;</li>
 *   <li>an unexpired access token this server issued to the caller (signature checked with the
 *       server's own keys): its {@code jti} goes on the {@link AccessTokenDenylist} until its
 *       {@code exp}, and introspection reports it inactive;</li>
 *   <li>anything else (another client's token, an unknown, expired or forged token): nothing
 *       changes. The answer is the same 200 with an empty body in every case (RFC 7009 §2.2), so
 *       the endpoint reveals nothing about tokens.</li>
 * </ul>
 * {@code token_type_hint} is accepted with any value and not needed: the token's shape (a JWS or
 * an opaque refresh token) decides, and both types are searched as §2.1 asks. So
 * {@code unsupported_token_type} (§2.2.1) is never sent. Thread-safe.
 */
public final class RevocationEndpoint {
    private static final Logger LOG = LoggerFactory.getLogger(RevocationEndpoint.class);

    private final ClientAuthentication clientAuthentication;
    private final ClientCertificateResolver certificates;
    private final ErrorResponseWriter errors;
    private final int maxBodyBytes;
    private final OwnAccessTokens accessTokens;
    private final RefreshTokens refreshTokens;
    private final AccessTokenDenylist denylist;
    private final RevokedAccessTokens revoked;
    private final java.time.Clock clock;
    private final java.time.Duration accessTokenLifetime;

    /**
     * @param clock               when a family's access tokens are revoked
     * @param accessTokenLifetime how long after a revocation the family's access tokens stay denied
     */
    public RevocationEndpoint(ClientAuthentication clientAuthentication, ClientCertificateResolver certificates,
            ErrorResponseWriter errors, int maxBodyBytes, OwnAccessTokens accessTokens, RefreshTokens refreshTokens,
            AccessTokenDenylist denylist, java.time.Clock clock, java.time.Duration accessTokenLifetime) {
        this.clientAuthentication = clientAuthentication;
        this.certificates = certificates;
        this.errors = errors;
        this.maxBodyBytes = maxBodyBytes;
        this.accessTokens = accessTokens;
        this.refreshTokens = refreshTokens;
        this.denylist = denylist;
        this.revoked = new RevokedAccessTokens(denylist);
        this.clock = clock;
        this.accessTokenLifetime = accessTokenLifetime;
    }

    public void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            TokenRequest parsed = ClientRequests.parse(request, "revocation", "RFC 7009 §2.1", maxBodyBytes, certificates);
            AuthenticatedClient client = clientAuthentication.authenticate(parsed);
            revoke(parsed.requiredParameter("token"), client.clientId());
            ClientRequests.ok(response, "");
        } catch (OAuth2Exception e) {
            LOG.info("Revocation request from {} refused: {} {}", request.getRemoteAddr(), e.code().value(),
                    e.description());
            errors.write(response, e);
        } catch (io.tokengate.store.StoreUnavailableException e) {
            LOG.warn("Revocation request from {} answered 503: {}", request.getRemoteAddr(), e.getMessage());
            errors.write(response, ClientRequests.unavailable("revocation"));
        } catch (RuntimeException e) {
            LOG.error("Revocation request from {} failed unexpectedly", request.getRemoteAddr(), e);
            errors.write(response, new OAuth2Exception(ErrorCode.SERVER_ERROR,
                    "the server could not process the revocation request; the cause is in the server log"));
        }
    }

    private void revoke(String token, String caller) {
        Optional<JWTClaimsSet> access = accessTokens.verify(token);
        if (access.isPresent()) {
            JWTClaimsSet claims = access.get();
            if (caller.equals(clientIdOf(claims)) && !accessTokens.isExpired(claims)) {
                denylist.deny(claims.getJWTID(), claims.getExpirationTime().toInstant());
                LOG.info("Client {} revoked access token {}", caller, claims.getJWTID());
            }
            return;
        }
        Optional<StoredRefreshToken> refresh = refreshTokens.find(token);
        if (refresh.isPresent() && refresh.get().clientId().equals(caller)) {
            refreshTokens.revokeFamily(refresh.get());
            revoked.denyFamily(refresh.get().familyId(), clock.instant().plus(accessTokenLifetime));
            LOG.info("Client {} revoked refresh token family {} and its access tokens", caller, refresh.get().familyId());
        }
    }

    private static String clientIdOf(JWTClaimsSet claims) {
        Object value = claims.getClaim("client_id");
        return value instanceof String s ? s : null;
    }
}
