package io.tokengate.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import io.tokengate.config.AuthorizationServerConfig;
import io.tokengate.registry.InMemoryRegistry;
import io.tokengate.testing.RecordingResponse;
import io.tokengate.testing.ServletStreams;
import io.tokengate.testing.TestCertificates;
import io.tokengate.testing.TestClients;
import io.tokengate.testing.TestSigningKeys;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenEndpointFilterTest {
    private final TestCertificates pki = TestCertificates.create();
    private final InMemoryRegistry registry = TestClients.registry(TestClients.secret("batch").build());
    private final AuthorizationServer server = new AuthorizationServer(
            AuthorizationServerConfig.builder("https://as.example.test").build(), registry, registry,
            TestSigningKeys.es256(), List.of(pki.root().certificate()), pki.clock(), new SecureRandom());
    private final TokenEndpointFilter filter = new TokenEndpointFilter(server);
    private final FilterChain chain = mock(FilterChain.class);

    @Test
    void doFilterWhenTokenPathThenEndpointAnswersAndChainNotCalled() throws IOException, ServletException {
        HttpServletRequest request = tokenRequest("/oauth2/v1/token", "");
        RecordingResponse response = new RecordingResponse();

        filter.doFilter(request, response.servletResponse(), chain);

        assertEquals(200, response.status());
        verify(chain, never()).doFilter(request, response.servletResponse());
    }

    @Test
    void doFilterWhenTokenPathBelowContextPathThenEndpointAnswers() throws IOException, ServletException {
        HttpServletRequest request = tokenRequest("/auth/oauth2/v1/token", "/auth");
        RecordingResponse response = new RecordingResponse();

        filter.doFilter(request, response.servletResponse(), chain);

        assertEquals(200, response.status());
    }

    @Test
    void doFilterWhenOtherPathThenPassedDownChainWithResponseUntouched() throws IOException, ServletException {
        HttpServletRequest request = mock(HttpServletRequest.class);
        when(request.getRequestURI()).thenReturn("/api/orders");
        when(request.getContextPath()).thenReturn("");
        HttpServletResponse response = mock(HttpServletResponse.class);

        filter.doFilter(request, response, chain);

        verify(chain).doFilter(request, response);
        verifyNoInteractions(response);
    }

    @Test
    void doFilterWhenTokenPathOutsideContextThenPassedDownChain() throws IOException, ServletException {
        HttpServletRequest request = mock(HttpServletRequest.class);
        when(request.getRequestURI()).thenReturn("/other/oauth2/v1/token");
        when(request.getContextPath()).thenReturn("/auth");
        HttpServletResponse response = mock(HttpServletResponse.class);

        filter.doFilter(request, response, chain);

        verify(chain).doFilter(request, response);
    }

    private static HttpServletRequest tokenRequest(String uri, String contextPath) throws IOException {
        byte[] body = ("grant_type=client_credentials&client_id=batch&client_secret=" + TestClients.SECRET)
                .getBytes(StandardCharsets.US_ASCII);
        HttpServletRequest request = mock(HttpServletRequest.class);
        when(request.getRequestURI()).thenReturn(uri);
        when(request.getContextPath()).thenReturn(contextPath);
        when(request.getMethod()).thenReturn("POST");
        when(request.getContentType()).thenReturn("application/x-www-form-urlencoded");
        when(request.getContentLengthLong()).thenReturn((long) body.length);
        when(request.getInputStream()).thenReturn(ServletStreams.input(body));
        when(request.getRemoteAddr()).thenReturn("203.0.113.7");
        return request;
    }
}
