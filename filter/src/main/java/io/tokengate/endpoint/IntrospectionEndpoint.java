package io.tokengate.endpoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The token introspection endpoint (RFC 7662 §2). The caller must authenticate as a confidential
 * client, with the methods of the token endpoint ({@code invalid_client} 401 otherwise, and for
 * public clients, which cannot authenticate). It then learns about {@code token} only when it may
 * see it — <b>the caller is the token's {@code client_id}, or the caller's client id is one of the
 * token's audiences</b> (a resource server registered as a client under its audience URI).
 * <p>Answers, always 200 with {@code Cache-Control: no-store} (RFC 7662 §2.2):
 * <ul>
 *   <li>an access token this server signed, unexpired and not revoked (by its {@code jti}, or with
 *       the refresh token family it was minted from): {@code active: true} with
 *       scope, client_id, sub, aud, iss, exp, iat, jti, {@code token_type: Bearer} and, for a
 *       certificate-bound token, {@code cnf} with {@code x5t#S256} (RFC 8705 §3.2);</li>
 *   <li>an unexpired refresh token that is still the active member of its unrevoked family:
 *       {@code active: true} with scope, client_id, sub, aud, iss, exp, iat and {@code cnf} when bound;</li>
 *   <li>anything else, including tokens the caller may not see: {@code {"active":false}} only
 *       (RFC 7662 §2.2, §4), so the caller cannot tell why.</li>
 * </ul>
 * {@code token_type_hint} is accepted with any value and not needed: both types are searched
 * (RFC 7662 §2.1). Thread-safe.
 */
public final class IntrospectionEndpoint {
    private static final Logger LOG = LoggerFactory.getLogger(IntrospectionEndpoint.class);
    static final String INACTIVE = "{\"active\":false}";

    private final ClientAuthentication clientAuthentication;
    private final ClientCertificateResolver certificates;
    private final ErrorResponseWriter errors;
    private final int maxBodyBytes;
    private final String issuer;
    private final OwnAccessTokens accessTokens;
    private final RefreshTokens refreshTokens;
    private final RevokedAccessTokens revoked;
    private final ObjectMapper json;

    public IntrospectionEndpoint(ClientAuthentication clientAuthentication, ClientCertificateResolver certificates,
            ErrorResponseWriter errors, int maxBodyBytes, String issuer, OwnAccessTokens accessTokens,
            RefreshTokens refreshTokens, AccessTokenDenylist denylist, ObjectMapper json) {
        this.clientAuthentication = clientAuthentication;
        this.certificates = certificates;
        this.errors = errors;
        this.maxBodyBytes = maxBodyBytes;
        this.issuer = issuer;
        this.accessTokens = accessTokens;
        this.refreshTokens = refreshTokens;
        this.revoked = new RevokedAccessTokens(denylist);
        this.json = json;
    }

    public void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            TokenRequest parsed = ClientRequests.parse(request, "introspection", "RFC 7662 §2.1", maxBodyBytes,
                    certificates);
            AuthenticatedClient client = clientAuthentication.authenticate(parsed);
            if (client.client().isPublic()) {
                throw OAuth2Exception.invalidClient("client " + client.clientId() + " is a mobile (public) application"
                        + " and cannot authenticate; token introspection requires client authentication (RFC 7662 §2.1)");
            }
            String token = parsed.requiredParameter("token");
            ClientRequests.ok(response, introspect(token, client.clientId()).map(this::write).orElse(INACTIVE));
        } catch (OAuth2Exception e) {
            LOG.info("Introspection request from {} refused: {} {}", request.getRemoteAddr(), e.code().value(),
                    e.description());
            errors.write(response, e);
        } catch (io.tokengate.store.StoreUnavailableException e) {
            LOG.warn("Introspection request from {} answered 503: {}", request.getRemoteAddr(), e.getMessage());
            errors.write(response, ClientRequests.unavailable("introspection"));
        } catch (RuntimeException e) {
            LOG.error("Introspection request from {} failed unexpectedly", request.getRemoteAddr(), e);
            errors.write(response, new OAuth2Exception(ErrorCode.SERVER_ERROR,
                    "the server could not process the introspection request; the cause is in the server log"));
        }
    }

    /** The members of an active token's answer; empty when inactive or not the caller's to see. */
    private Optional<Map<String, Object>> introspect(String token, String caller) {
        Optional<JWTClaimsSet> access = accessTokens.verify(token);
        if (access.isPresent()) {
            return access.filter(c -> !accessTokens.isExpired(c) && !revoked.isRevoked(c.getJWTID(), c.getClaims()))
                    .filter(c -> visible(caller, c.getClaim("client_id"), c.getAudience()))
                    .map(IntrospectionEndpoint::accessTokenMembers);
        }
        return refreshTokens.find(token)
                .filter(t -> t.state() == StoredRefreshToken.State.ACTIVE && !refreshTokens.isExpired(t))
                .filter(t -> visible(caller, t.clientId(), t.audiences()))
                .map(this::refreshTokenMembers);
    }

    /** The visibility rule of the class Javadoc. */
    static boolean visible(String caller, Object clientId, List<String> audiences) {
        return caller.equals(clientId) || audiences != null && audiences.contains(caller);
    }

    private static Map<String, Object> accessTokenMembers(JWTClaimsSet c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("active", true);
        Optional.ofNullable(c.getClaim("scope")).ifPresent(s -> m.put("scope", s));
        m.put("client_id", c.getClaim("client_id"));
        m.put("sub", c.getSubject());
        m.put("aud", audience(c.getAudience()));
        m.put("iss", c.getIssuer());
        m.put("exp", c.getExpirationTime().toInstant().getEpochSecond());
        Optional.ofNullable(c.getIssueTime()).ifPresent(t -> m.put("iat", t.toInstant().getEpochSecond()));
        m.put("jti", c.getJWTID());
        m.put("token_type", "Bearer");
        Optional.ofNullable(c.getClaim("cnf")).ifPresent(cnf -> m.put("cnf", cnf));
        return m;
    }

    private Map<String, Object> refreshTokenMembers(StoredRefreshToken t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("active", true);
        if (!t.scopes().isEmpty()) {
            m.put("scope", String.join(" ", t.scopes()));
        }
        m.put("client_id", t.clientId());
        m.put("sub", t.subject());
        if (!t.audiences().isEmpty()) {
            m.put("aud", audience(t.audiences()));
        }
        m.put("iss", issuer);
        m.put("exp", t.expiresAt().getEpochSecond());
        m.put("iat", t.issuedAt().getEpochSecond());
        t.thumbprint().ifPresent(x5t -> m.put("cnf", Map.of("x5t#S256", x5t)));
        return m;
    }

    /** RFC 7662 §2.2 {@code aud}: a string for one audience, an array for several. */
    private static Object audience(List<String> audiences) {
        return audiences.size() == 1 ? audiences.get(0) : audiences;
    }

    private String write(Map<String, Object> members) {
        try {
            return json.writeValueAsString(members);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
