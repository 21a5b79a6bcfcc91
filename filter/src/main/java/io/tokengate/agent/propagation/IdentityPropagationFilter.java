package io.tokengate.agent.propagation;

import io.tokengate.agent.SubjectSource;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Objects;
import java.util.Optional;

/**
 * Binds the authenticated user of the inbound request to the serving thread while the rest of the
 * filter chain runs, so that outbound calls made while serving it carry a token in that user's
 * context (the outbound agent asks {@link #subjects()} on every call). The user is
 * {@code getUserPrincipal()} as the container's login set it, or as
 * {@link io.tokengate.resource.BearerTokenFilter} set it when that filter runs earlier in the
 * chain (a client's own token has no user unless {@code include-client-tokens}). No user: the
 * thread has no subject and outbound calls go out with the application's own identity. The binding
 * is undone in {@code finally}, also when the chain throws or the request went asynchronous; never
 * answers the request itself.
 *
 * <p>From {@code web.xml}: declare it with the init-params of {@link IdentityPropagationConfig},
 * map it after the bearer filter, for the {@code REQUEST} and {@code ASYNC} dispatcher types, with
 * {@code <async-supported>true</async-supported>}; the application finds the
 * {@link SubjectSource} for its agent with {@link #subjectSource(ServletContext)}. From code:
 * {@code new IdentityPropagationFilter(config, subjects)} and hand the same {@link RequestSubjects}
 * to the agent.
 */
public final class IdentityPropagationFilter implements Filter {
    private IdentityPropagationConfig config;
    private RequestSubjects subjects;
    private SubjectResolver resolver;

    /** For {@code web.xml}: configured from init-params (context-params are the fallback) in {@link #init}. */
    public IdentityPropagationFilter() {
    }

    /** @param subjects the holder to bind in; the same instance is the agent's {@link SubjectSource} */
    public IdentityPropagationFilter(IdentityPropagationConfig config, RequestSubjects subjects) {
        wire(config, subjects);
    }

    private void wire(IdentityPropagationConfig c, RequestSubjects s) {
        this.config = Objects.requireNonNull(c, "config");
        this.subjects = Objects.requireNonNull(s, "subjects");
        this.resolver = new SubjectResolver(c);
    }

    /**
     * Reads the init-params when built by the container, then publishes the subject source as the
     * servlet context attribute {@link IdentityPropagationConfig#contextAttribute()}.
     *
     * @throws IllegalArgumentException naming an init-param with a bad value
     * @throws IllegalStateException    when another subject source is already published under that name
     */
    @Override
    public void init(FilterConfig filterConfig) {
        ServletContext context = filterConfig.getServletContext();
        if (subjects == null) {
            wire(IdentityPropagationConfig.fromParameters(name -> {
                String value = filterConfig.getInitParameter(name);
                return value != null || context == null ? value : context.getInitParameter(name);
            }), new RequestSubjects());
        }
        if (context != null) {
            Object published = context.getAttribute(config.contextAttribute());
            if (published != null && published != subjects) {
                throw new IllegalStateException("the servlet context attribute " + config.contextAttribute()
                        + " already holds " + published + "; give each IdentityPropagationFilter its own "
                        + IdentityPropagationConfig.CONTEXT_ATTRIBUTE + " or declare it once");
            }
            context.setAttribute(config.contextAttribute(), subjects);
        }
    }

    /** The holder this filter binds in: the {@link SubjectSource} for the outbound agent. */
    public RequestSubjects subjects() {
        return subjects;
    }

    /**
     * The subject source published by the filter of this web application under the default
     * attribute name.
     *
     * @throws IllegalStateException when no {@code IdentityPropagationFilter} was initialised in it
     */
    public static RequestSubjects subjectSource(ServletContext context) {
        return subjectSource(context, IdentityPropagationConfig.DEFAULT_CONTEXT_ATTRIBUTE);
    }

    /** As {@link #subjectSource(ServletContext)}, for a filter with its own {@code context-attribute}. */
    public static RequestSubjects subjectSource(ServletContext context, String attribute) {
        Object value = context.getAttribute(attribute);
        if (value instanceof RequestSubjects s) {
            return s;
        }
        throw new IllegalStateException("no IdentityPropagationFilter has published a subject source as servlet context"
                + " attribute " + attribute + "; declare the filter in web.xml (filters are initialised before servlets"
                + " that load on startup)");
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        Optional<String> subject = request instanceof HttpServletRequest http ? resolver.subjectOf(http) : Optional.empty();
        try (RequestSubjects.Binding ignored = subjects.bind(subject)) {
            chain.doFilter(request, response);
        }
    }

    @Override
    public String toString() {
        return "IdentityPropagationFilter[" + config + "]";
    }
}
