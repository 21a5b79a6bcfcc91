package io.tokengate.it.container;

import io.tokengate.agent.SubjectSource;
import io.tokengate.agent.propagation.IdentityPropagationFilter;
import io.tokengate.demo.sidecar.EgressSidecar;
import io.tokengate.http.JsonText;
import io.tokengate.agent.OutboundRoutes;
import io.tokengate.agent.TokenAgent;
import io.tokengate.agent.jdk.TokenAgentHttpClient;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The application code of the propagation web application: makes an outbound call to the
 * {@code target} resource over TLS through the outbound agent's {@link TokenAgentHttpClient},
 * whose {@link TokenAgent} is built with the {@link SubjectSource} that
 * {@link IdentityPropagationFilter} published, so the token is obtained for whoever the thread
 * serves (empty: the client's own identity); the servlet itself never touches a token. Answers
 * {@code {"inbound":…,"bound":…,"outbound_status":…,"outbound":{…}}}. The user is never passed
 * by hand. {@code ?mode=} chooses where the call is made: {@code sync} (the request thread),
 * {@code async-dispatch} (after {@code AsyncContext.dispatch}, on the ASYNC dispatch),
 * {@code async-start} (in {@code AsyncContext.start} with the task wrapped by the subject
 * source) or {@code new-thread} (a plain thread of the application's own, outside any request).
 */
public final class OutboundCallServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private transient io.tokengate.agent.propagation.RequestSubjects subjects;
    private transient HttpClient http;
    private URI target;

    @Override
    public void init() throws ServletException {
        subjects = IdentityPropagationFilter.subjectSource(getServletContext());
        Path data = Path.of(getInitParameter("data-dir"));
        target = URI.create(getInitParameter("target"));
        TokenAgent agent = EgressSidecar.demoAgent(data, getInitParameter("issuer"), subjects);
        http = TokenAgentHttpClient.create(agent.outbound(OutboundRoutes.of(target.toString(),
                getInitParameter("audience"), List.of(getInitParameter("scope")))), Duration.ofSeconds(5));
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String mode = Optional.ofNullable(request.getParameter("mode")).orElse("sync");
        if (request.getDispatcherType() == DispatcherType.ASYNC || mode.equals("sync")) {
            write(request, response, callOut());
            return;
        }
        switch (mode) {
            case "async-dispatch" -> {
                AsyncContext async = request.startAsync();
                async.start(async::dispatch);
            }
            case "async-start" -> {
                AsyncContext async = request.startAsync();
                async.start(subjects.wrap(() -> {
                    try {
                        write((HttpServletRequest) async.getRequest(), (HttpServletResponse) async.getResponse(), callOut());
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    } finally {
                        async.complete();
                    }
                }));
            }
            case "new-thread" -> {
                AtomicReference<String> result = new AtomicReference<>();
                Thread own = new Thread(() -> result.set(callOut()), "application-thread");
                own.start();
                try {
                    own.join(20_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                write(request, response, result.get());
            }
            default -> response.sendError(400, "unknown mode " + mode);
        }
    }

    /** {@code "bound":…,"outbound_status":…,"outbound":…} of a call made on this thread, as JSON members. */
    private String callOut() {
        Optional<String> subject = subjects.currentSubject();
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(20))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            return "\"bound\":" + subject.map(JsonText::quote).orElse("null") + ",\"outbound_status\":"
                    + answer.statusCode() + ",\"outbound\":" + answer.body();
        } catch (Exception e) {
            return "\"bound\":" + subject.map(JsonText::quote).orElse("null") + ",\"outbound_status\":0,\"outbound\":"
                    + JsonText.quote(e.toString());
        }
    }

    private static void write(HttpServletRequest request, HttpServletResponse response, String members) throws IOException {
        String inbound = request.getRemoteUser();
        byte[] body = ("{\"inbound\":" + (inbound == null ? "null" : JsonText.quote(inbound)) + "," + members + "}")
                .getBytes(StandardCharsets.UTF_8);
        response.setContentType("application/json;charset=UTF-8");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
