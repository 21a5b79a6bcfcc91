package io.tokengate.resource;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.security.Principal;

/**
 * The request as {@link BearerTokenFilter} passes it on once its token is accepted:
 * {@link #getUserPrincipal()} is a {@link TokenPrincipal} named by {@code sub},
 * {@link #getRemoteUser()} is {@code sub}, {@link #isUserInRole(String)} is true for each granted
 * scope (RFC 6749 §3.3) and for {@code "**"} (any authenticated user, as in Servlet 6 §13.3), and
 * {@link #getAuthType()} is {@link BearerTokenFilter#AUTH_TYPE}. Everything else is the wrapped
 * request's.
 */
public final class AuthenticatedRequest extends HttpServletRequestWrapper {
    private final TokenPrincipal principal;

    public AuthenticatedRequest(HttpServletRequest request, ValidatedToken token) {
        super(request);
        this.principal = new TokenPrincipal(token);
    }

    public ValidatedToken token() {
        return principal.token();
    }

    @Override
    public Principal getUserPrincipal() {
        return principal;
    }

    @Override
    public String getRemoteUser() {
        return principal.getName();
    }

    @Override
    public boolean isUserInRole(String role) {
        return role != null && (principal.token().hasScope(role) || "**".equals(role));
    }

    @Override
    public String getAuthType() {
        return BearerTokenFilter.AUTH_TYPE;
    }
}
