package io.tokengate.resource;

import io.tokengate.cert.ClientCertificateResolver;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Protects everything it is mapped to with RFC 9068 JWT access tokens sent as bearer tokens.
 * Either it answers the request itself with a refusal, or it passes an {@link AuthenticatedRequest}
 * down the chain and leaves the response alone (except {@code Cache-Control: private} after a query
 * token, RFC 6750 §2.3). In order:
 * <ol>
 * <li>the token from {@code Authorization: Bearer} (RFC 6750 §2.1), or {@code ?access_token=} when
 *     {@code allow-query-token} is set (§2.3); a token in a form body (§2.2) is not supported;</li>
 * <li>no token: 401, {@code WWW-Authenticate: Bearer realm="…"} without error (RFC 6750 §3.1);</li>
 * <li>malformed: 400 {@code invalid_request}; bad token: 401 {@code invalid_token} (RFC 9068 §4);
 *     with introspection on, opaque (or all) tokens are checked by the authorization server
 *     instead ({@link TokenIntrospector}, RFC 7662): inactive is 401 {@code invalid_token}, no
 *     usable answer is 503 {@code temporarily_unavailable} (fail closed);</li>
 * <li>a token with {@code cnf.x5t#S256} only with that client certificate (RFC 8705 §3), else 401
 *     {@code invalid_token};</li>
 * <li>the scopes {@link ScopeRules} ask for, else 403 {@code insufficient_scope} with
 *     {@code scope="…"}.</li>
 * </ol>
 * Errors carry {@code error_description} in the challenge and a JSON body, with
 * {@code Cache-Control: no-store} (see {@link BearerErrorWriter}). The accepted token is published
 * as request attributes ({@link #CLAIMS_ATTRIBUTE} and the others below).
 *
 * <p>From code: {@code new BearerTokenFilter(config)} or with a built validator. From
 * {@code web.xml}: declare it with the init-params of {@link ResourceServerConfig} (at least
 * {@code issuer} and {@code audience}; context-params are the fallback).
 */
public final class BearerTokenFilter implements Filter {
    /** What {@code getAuthType()} returns for requests this filter authenticated. */
    public static final String AUTH_TYPE = BearerErrorWriter.SCHEME;
    /** The validated {@link ValidatedToken}. */
    public static final String TOKEN_ATTRIBUTE = "io.tokengate.token";
    /** All claims, as an unmodifiable {@code Map<String, Object>} of JSON values. */
    public static final String CLAIMS_ATTRIBUTE = "io.tokengate.token.claims";
    /** The granted scopes, an unmodifiable {@code Set<String>}. */
    public static final String SCOPES_ATTRIBUTE = "io.tokengate.token.scopes";
    public static final String CLIENT_ID_ATTRIBUTE = "io.tokengate.token.client_id";
    public static final String SUBJECT_ATTRIBUTE = "io.tokengate.token.subject";

    private static final Logger LOG = LoggerFactory.getLogger(BearerTokenFilter.class);

    private ResourceServerConfig config;
    private AccessTokenValidator validator;
    private BearerTokenExtractor extractor;
    private CertificateBinding binding;
    private BearerErrorWriter writer;
    private TokenIntrospector introspector;
    private java.util.function.Predicate<ValidatedToken> revoked = token -> false;

    /** For {@code web.xml}: configured from init-params in {@link #init}. */
    public BearerTokenFilter() {
    }

    /**
     * Validates on the system clock with keys from the configured JWKS source, and introspects
     * as {@code config.introspection()} says.
     */
    public BearerTokenFilter(ResourceServerConfig config) {
        FilterParts parts = FilterParts.fromConfig(config);
        wire(config, parts.validator());
        this.introspector = parts.introspector().orElse(null);
    }

    /**
     * Sends the tokens {@code introspector} {@linkplain TokenIntrospector#handles handles} to RFC
     * 7662 introspection and validates the others with {@code validator}.
     */
    public BearerTokenFilter(ResourceServerConfig config, AccessTokenValidator validator,
            TokenIntrospector introspector) {
        wire(config, validator);
        this.introspector = java.util.Objects.requireNonNull(introspector, "introspector");
    }

    /** @param validator built for {@code config} (its clock, key source and cache) */
    public BearerTokenFilter(ResourceServerConfig config, AccessTokenValidator validator) {
        wire(config, validator);
    }

    /**
     * Also refuses tokens revoked at the authorization server (RFC 7009), by {@code jti} or by the
     * refresh token family they were minted from ({@link io.tokengate.revocation.RevokedAccessTokens}): for a
     * resource served in the same process as the authorization server, or with a shared denylist.
     * The check runs on every request, after the validation cache, so a revocation takes effect
     * at once even for a cached token.
     */
    public BearerTokenFilter(ResourceServerConfig config, AccessTokenValidator validator,
            io.tokengate.revocation.AccessTokenDenylist denylist) {
        wire(config, validator);
        io.tokengate.revocation.RevokedAccessTokens revokedTokens = new io.tokengate.revocation.RevokedAccessTokens(denylist);
        this.revoked = token -> revokedTokens.isRevoked(token.jti(), token.claims());
    }

    /**
     * Also checks the client certificate a bound token is presented with (RFC 8705 §3) with
     * {@code certificates}: a certificate revoked, expired or not for client authentication since
     * the token was issued is refused with {@code invalid_token}. Verdicts are cached by the
     * validator, so a cache hit adds a lookup, not a network call.
     */
    public BearerTokenFilter(ResourceServerConfig config, AccessTokenValidator validator,
            io.tokengate.revocation.AccessTokenDenylist denylist,
            io.tokengate.cert.validation.CertificateValidator certificates) {
        this(config, validator, denylist);
        this.binding = new CertificateBinding(new ClientCertificateResolver(config.trustedProxies()), true,
                java.util.Optional.of(certificates));
    }

    private void wire(ResourceServerConfig c, AccessTokenValidator v) {
        this.config = c;
        this.validator = v;
        this.extractor = new BearerTokenExtractor(c.allowQueryToken());
        this.binding = new CertificateBinding(new ClientCertificateResolver(c.trustedProxies()), true,
                java.util.Optional.empty());
        this.writer = new BearerErrorWriter(c.realm(), c.jwksRefetchInterval().toSeconds());
    }

    @Override
    public void init(FilterConfig filterConfig) {
        if (validator == null) {
            ServletContext context = filterConfig.getServletContext();
            ResourceServerConfig c = ResourceServerConfig.fromParameters(name -> {
                String value = filterConfig.getInitParameter(name);
                return value != null || context == null ? value : context.getInitParameter(name);
            });
            FilterParts parts = FilterParts.fromConfig(c);
            wire(c, parts.validator());
            introspector = parts.introspector().orElse(null);
            LOG.info("Bearer token filter '{}' protects with issuer {}, audience {}{}", filterConfig.getFilterName(),
                    c.issuer(), c.audience(), introspector == null ? "" : ", introspection " + c.introspection());
        }
    }

    public AccessTokenValidator validator() {
        return validator;
    }

    /** The introspector, when introspection is on. */
    public java.util.Optional<TokenIntrospector> introspector() {
        return java.util.Optional.ofNullable(introspector);
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        if (!(req instanceof HttpServletRequest request) || !(res instanceof HttpServletResponse response)) {
            chain.doFilter(req, res);
            return;
        }
        AuthenticatedRequest authenticated;
        try {
            authenticated = authenticate(request, response);
        } catch (BearerTokenException e) {
            LOG.debug("Refused {} {}: {}", request.getMethod(), request.getRequestURI(), e);
            writer.write(response, e);
            return;
        } catch (RuntimeException e) {
            LOG.error("Could not check the access token of {} {}", request.getMethod(), request.getRequestURI(), e);
            writer.write(response, new BearerTokenException(BearerError.SERVER_ERROR,
                    "the access token could not be checked because of an error on the server"));
            return;
        }
        if (authenticated != null) {
            chain.doFilter(authenticated, response);
        }
    }

    /** The request to pass on, or null when the bare challenge was written. */
    private AuthenticatedRequest authenticate(HttpServletRequest request, HttpServletResponse response) {
        BearerTokenExtractor.Found found = extractor.extract(request).orElse(null);
        if (found == null) {
            writer.writeChallenge(response);
            return null;
        }
        ValidatedToken token = introspector != null && introspector.handles(found.token())
                ? introspector.introspect(found.token()) : validator.validate(found.token());
        if (revoked.test(token)) {
            throw BearerTokenException.invalidToken("the access token has been revoked");
        }
        binding.check(token, request);
        List<String> required = config.scopeRules().requiredScopes(request.getMethod(), pathOf(request));
        for (String scope : required) {
            if (!token.hasScope(scope)) {
                throw BearerTokenException.insufficientScope("the access token lacks the scope " + scope + " that "
                        + request.getMethod() + " on this resource needs", required);
            }
        }
        if (found.fromQuery()) {
            response.setHeader("Cache-Control", "private");
        }
        request.setAttribute(TOKEN_ATTRIBUTE, token);
        request.setAttribute(CLAIMS_ATTRIBUTE, token.claims());
        request.setAttribute(SCOPES_ATTRIBUTE, token.scopes());
        request.setAttribute(CLIENT_ID_ATTRIBUTE, token.clientId());
        request.setAttribute(SUBJECT_ATTRIBUTE, token.subject());
        return new AuthenticatedRequest(request, token);
    }

    /** The path within the application as the container decoded and normalised it. */
    static String pathOf(HttpServletRequest request) {
        String servletPath = request.getServletPath();
        String pathInfo = request.getPathInfo();
        if ((servletPath == null || servletPath.isEmpty()) && pathInfo == null) {
            String uri = request.getRequestURI() == null ? "/" : request.getRequestURI();
            String context = request.getContextPath();
            return context != null && !context.isEmpty() && uri.startsWith(context) ? uri.substring(context.length()) : uri;
        }
        return (servletPath == null ? "" : servletPath) + (pathInfo == null ? "" : pathInfo);
    }
}
