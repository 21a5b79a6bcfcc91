package io.tokengate.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.tokengate.testing.RecordingResponse;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** {@link RevocationEndpointFilter} and {@link IntrospectionEndpointFilter} own their path only. */
class RevocationAndIntrospectionFiltersTest {
    private final EndpointFixture f = new EndpointFixture();
    private final FilterChain chain = mock(FilterChain.class);

    @Test
    void doFilterWhenRevocationPathThenEndpointAnswersAndChainNotCalled() throws IOException, ServletException {
        RecordingResponse response = get(new RevocationEndpointFilter(f.server), "/oauth2/v1/revoke");

        assertEquals(405, response.status());
        verify(chain, never()).doFilter(any(), any());
    }

    @Test
    void doFilterWhenIntrospectionPathThenEndpointAnswersAndChainNotCalled() throws IOException, ServletException {
        RecordingResponse response = get(new IntrospectionEndpointFilter(f.server), "/oauth2/v1/introspect");

        assertEquals(405, response.status());
        verify(chain, never()).doFilter(any(), any());
    }

    @Test
    void doFilterWhenOtherPathThenPassedDownTheChainUntouched() throws IOException, ServletException {
        get(new RevocationEndpointFilter(f.server), "/oauth2/v1/introspect");
        get(new IntrospectionEndpointFilter(f.server), "/oauth2/v1/revoke");

        verify(chain, org.mockito.Mockito.times(2)).doFilter(any(), any());
    }

    private RecordingResponse get(Filter filter, String path) throws IOException, ServletException {
        HttpServletRequest request = mock(HttpServletRequest.class);
        when(request.getMethod()).thenReturn("GET");
        when(request.getRequestURI()).thenReturn(path);
        when(request.getContextPath()).thenReturn("");
        when(request.getRemoteAddr()).thenReturn("203.0.113.7");
        RecordingResponse response = new RecordingResponse();
        filter.doFilter(request, response.servletResponse(), chain);
        return response;
    }
}
