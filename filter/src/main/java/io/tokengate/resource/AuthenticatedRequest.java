package io.tokengate.resource;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * The request as {@link BearerTokenFilter} passes it on once its token is accepted:
 * {@link #getUserPrincipal()} is a {@link TokenPrincipal} named by {@code sub},
 * {@link #getRemoteUser()} is {@code sub}, {@link #isUserInRole(String)} is true for each granted
 * scope (RFC 6749 §3.3) and for {@code "**"} (any authenticated user, as in Servlet 6 §13.3), and
 * {@link #getAuthType()} is {@link BearerTokenFilter#AUTH_TYPE}.
 *
 * <p>The {@code io.tokengate.token*} attributes ({@link BearerTokenFilter#TOKEN_ATTRIBUTE} and the
 * others) are answered from the immutable token by this request, and by every request wrapping
 * it, without being stored in the container's request: storing five attributes made Jetty
 * allocate an attribute map on every request (benchmarks/README.md, resource side). They are
 * listed by {@link #getAttributeNames()}. An application that sets or removes one of these names
 * on this request replaces the token's value from then on, as with any attribute. Everything else
 * is the wrapped request's.
 */
public final class AuthenticatedRequest extends HttpServletRequestWrapper {
    private static final String PREFIX = BearerTokenFilter.TOKEN_ATTRIBUTE;
    private static final List<String> TOKEN_ATTRIBUTES = List.of(BearerTokenFilter.TOKEN_ATTRIBUTE,
            BearerTokenFilter.CLAIMS_ATTRIBUTE, BearerTokenFilter.SCOPES_ATTRIBUTE,
            BearerTokenFilter.CLIENT_ID_ATTRIBUTE, BearerTokenFilter.SUBJECT_ATTRIBUTE);

    private final TokenPrincipal principal;
    /** Bit i set: the application set or removed {@code TOKEN_ATTRIBUTES.get(i)} on this request. */
    private int replaced;

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

    @Override
    public Object getAttribute(String name) {
        int i = tokenAttribute(name);
        return i < 0 || (replaced & (1 << i)) != 0 ? super.getAttribute(name) : tokenValue(i);
    }

    @Override
    public Enumeration<String> getAttributeNames() {
        List<String> names = new ArrayList<>(Collections.list(super.getAttributeNames()));
        for (int i = 0; i < TOKEN_ATTRIBUTES.size(); i++) {
            if ((replaced & (1 << i)) == 0) {
                names.add(TOKEN_ATTRIBUTES.get(i));
            }
        }
        return Collections.enumeration(names);
    }

    @Override
    public void setAttribute(String name, Object value) {
        markReplaced(name);
        super.setAttribute(name, value);
    }

    @Override
    public void removeAttribute(String name) {
        markReplaced(name);
        super.removeAttribute(name);
    }

    private void markReplaced(String name) {
        int i = tokenAttribute(name);
        if (i >= 0) {
            replaced |= 1 << i;
        }
    }

    private static int tokenAttribute(String name) {
        return name != null && name.startsWith(PREFIX) ? TOKEN_ATTRIBUTES.indexOf(name) : -1;
    }

    private Object tokenValue(int i) {
        ValidatedToken token = principal.token();
        return switch (i) {
            case 0 -> token;
            case 1 -> token.claims();
            case 2 -> token.scopes();
            case 3 -> token.clientId();
            default -> token.subject();
        };
    }
}
