package io.tokengate.agent.propagation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.tokengate.resource.AuthenticatedRequest;
import io.tokengate.resource.ValidatedToken;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** What the thread carries while the chain runs, and that nothing is left behind afterwards. */
class IdentityPropagationFilterTest {
    private final RequestSubjects subjects = new RequestSubjects();
    private final HttpServletResponse response = mock(HttpServletResponse.class);

    @Test
    void doFilterWhenContainerLoginThenPrincipalNameBoundDuringChainAndClearedAfter() throws Exception {
        AtomicReference<Optional<String>> seen = new AtomicReference<>();

        filter(IdentityPropagationConfig.defaults()).doFilter(loggedIn("alice"), response,
                (req, res) -> seen.set(subjects.currentSubject()));

        assertEquals(Optional.of("alice"), seen.get());
        assertEquals(Optional.empty(), subjects.currentSubject());
    }

    @Test
    void doFilterWhenNoPrincipalThenNoSubjectDuringChain() throws Exception {
        AtomicReference<Optional<String>> seen = new AtomicReference<>();

        filter(IdentityPropagationConfig.defaults()).doFilter(mock(HttpServletRequest.class), response,
                (req, res) -> seen.set(subjects.currentSubject()));

        assertEquals(Optional.empty(), seen.get());
    }

    @Test
    void doFilterWhenChainThrowsThenSubjectClearedAndExceptionPassedOn() {
        FilterChain failing = (req, res) -> {
            throw new ServletException("application failed");
        };

        ServletException thrown = assertThrows(ServletException.class,
                () -> filter(IdentityPropagationConfig.defaults()).doFilter(loggedIn("alice"), response, failing));

        assertEquals("application failed", thrown.getMessage());
        assertEquals(Optional.empty(), subjects.currentSubject());
    }

    @Test
    void doFilterWhenBearerUserTokenThenSubClaimBound() throws Exception {
        AtomicReference<Optional<String>> seen = new AtomicReference<>();

        filter(IdentityPropagationConfig.defaults()).doFilter(bearer("carol", "web-app", Map.of()), response,
                (req, res) -> seen.set(subjects.currentSubject()));

        assertEquals(Optional.of("carol"), seen.get());
    }

    @Test
    void doFilterWhenBearerClientTokenThenNoSubject() throws Exception {
        AtomicReference<Optional<String>> seen = new AtomicReference<>();

        filter(IdentityPropagationConfig.defaults()).doFilter(bearer("batch-client", "batch-client", Map.of()), response,
                (req, res) -> seen.set(subjects.currentSubject()));

        assertEquals(Optional.empty(), seen.get());
    }

    @Test
    void doFilterWhenBearerClientTokenAndClientTokensIncludedThenClientBound() throws Exception {
        AtomicReference<Optional<String>> seen = new AtomicReference<>();

        filter(IdentityPropagationConfig.builder().includeClientTokens(true).build()).doFilter(
                bearer("batch-client", "batch-client", Map.of()), response, (req, res) -> seen.set(subjects.currentSubject()));

        assertEquals(Optional.of("batch-client"), seen.get());
    }

    @Test
    void doFilterWhenSubjectClaimConfiguredThenThatClaimBound() throws Exception {
        AtomicReference<Optional<String>> seen = new AtomicReference<>();

        filter(IdentityPropagationConfig.builder().subjectClaim("preferred_username").build()).doFilter(
                bearer("u-1234", "web-app", Map.of("preferred_username", "carol")), response,
                (req, res) -> seen.set(subjects.currentSubject()));

        assertEquals(Optional.of("carol"), seen.get());
    }

    @Test
    void doFilterWhenSubjectClaimMissingFromTokenThenNoSubject() throws Exception {
        AtomicReference<Optional<String>> seen = new AtomicReference<>();

        filter(IdentityPropagationConfig.builder().subjectClaim("preferred_username").build()).doFilter(
                bearer("u-1234", "web-app", Map.of("preferred_username", 42)), response,
                (req, res) -> seen.set(subjects.currentSubject()));

        assertEquals(Optional.empty(), seen.get());
    }

    @Test
    void doFilterWhenNestedDispatchWithoutUserThenOuterSubjectRestoredAfterIt() throws Exception {
        IdentityPropagationFilter filter = filter(IdentityPropagationConfig.defaults());
        AtomicReference<Optional<String>> inner = new AtomicReference<>();
        AtomicReference<Optional<String>> afterInner = new AtomicReference<>();

        filter.doFilter(loggedIn("alice"), response, (req, res) -> {
            filter.doFilter(mock(HttpServletRequest.class), res, (r, s) -> inner.set(subjects.currentSubject()));
            afterInner.set(subjects.currentSubject());
        });

        assertEquals(Optional.empty(), inner.get());
        assertEquals(Optional.of("alice"), afterInner.get());
        assertEquals(Optional.empty(), subjects.currentSubject());
    }

    @Test
    void doFilterWhenRequestGoesAsyncThenServingThreadClearedAndWrappedTaskCarriesUser() throws Exception {
        AtomicReference<Runnable> handedOff = new AtomicReference<>();
        AtomicReference<Optional<String>> onWorker = new AtomicReference<>();

        filter(IdentityPropagationConfig.defaults()).doFilter(loggedIn("alice"), response,
                (req, res) -> handedOff.set(subjects.wrap(() -> onWorker.set(subjects.currentSubject()))));
        assertEquals(Optional.empty(), subjects.currentSubject());
        Thread worker = new Thread(handedOff.get(), "async-worker");
        worker.start();
        worker.join(10_000);

        assertEquals(Optional.of("alice"), onWorker.get());
    }

    @Test
    void doFilterWhenNotHttpThenChainRunsWithoutSubject() throws Exception {
        AtomicReference<Optional<String>> seen = new AtomicReference<>();

        filter(IdentityPropagationConfig.defaults()).doFilter(mock(ServletRequest.class), response,
                (req, res) -> seen.set(subjects.currentSubject()));

        assertEquals(Optional.empty(), seen.get());
    }

    @Test
    void initWhenDeclaredInWebXmlThenReadsInitParamsAndPublishesSubjectSource() throws Exception {
        ServletContext context = mock(ServletContext.class);
        FilterConfig config = mock(FilterConfig.class);
        when(config.getServletContext()).thenReturn(context);
        when(config.getInitParameter(IdentityPropagationConfig.INCLUDE_CLIENT_TOKENS)).thenReturn("true");
        IdentityPropagationFilter filter = new IdentityPropagationFilter();

        filter.init(config);

        verify(context).setAttribute(IdentityPropagationConfig.DEFAULT_CONTEXT_ATTRIBUTE, filter.subjects());
        AtomicReference<Optional<String>> seen = new AtomicReference<>();
        filter.doFilter(bearer("batch-client", "batch-client", Map.of()), response,
                (req, res) -> seen.set(filter.subjects().currentSubject()));
        assertEquals(Optional.of("batch-client"), seen.get());
    }

    @Test
    void initWhenInitParamInvalidThenFailsNamingIt() {
        FilterConfig config = mock(FilterConfig.class);
        when(config.getInitParameter(IdentityPropagationConfig.INCLUDE_CLIENT_TOKENS)).thenReturn("yes");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new IdentityPropagationFilter().init(config));

        assertTrue(e.getMessage().contains("include-client-tokens"), e.getMessage());
    }

    @Test
    void initWhenAnotherSourcePublishedUnderTheSameNameThenFails() {
        ServletContext context = mock(ServletContext.class);
        when(context.getAttribute(IdentityPropagationConfig.DEFAULT_CONTEXT_ATTRIBUTE)).thenReturn(new RequestSubjects());
        FilterConfig config = mock(FilterConfig.class);
        when(config.getServletContext()).thenReturn(context);

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new IdentityPropagationFilter().init(config));

        assertTrue(e.getMessage().contains("context-attribute"), e.getMessage());
    }

    @Test
    void subjectSourceWhenPublishedThenFoundAndWhenMissingThenClearError() {
        ServletContext context = mock(ServletContext.class);
        when(context.getAttribute(IdentityPropagationConfig.DEFAULT_CONTEXT_ATTRIBUTE)).thenReturn(subjects);

        assertSame(subjects, IdentityPropagationFilter.subjectSource(context));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> IdentityPropagationFilter.subjectSource(mock(ServletContext.class)));
        assertTrue(e.getMessage().contains("no IdentityPropagationFilter"), e.getMessage());
    }

    private IdentityPropagationFilter filter(IdentityPropagationConfig config) {
        return new IdentityPropagationFilter(config, subjects);
    }

    private static HttpServletRequest loggedIn(String name) {
        HttpServletRequest request = mock(HttpServletRequest.class);
        Principal principal = () -> name;
        when(request.getUserPrincipal()).thenReturn(principal);
        return request;
    }

    private static HttpServletRequest bearer(String sub, String clientId, Map<String, Object> extraClaims) {
        ValidatedToken token = new ValidatedToken("https://as.example", sub, clientId, Set.of("https://api.example/read"),
                List.of("https://api.example/"), Instant.parse("2026-03-01T11:00:00Z"), "jti-1", Optional.empty(),
                extraClaims);
        return new AuthenticatedRequest(mock(HttpServletRequest.class), token);
    }

}
