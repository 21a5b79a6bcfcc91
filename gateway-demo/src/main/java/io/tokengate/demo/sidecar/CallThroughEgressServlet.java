package io.tokengate.demo.sidecar;

import io.tokengate.agent.SubjectSource;
import io.tokengate.http.JsonText;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Application A's page: {@code GET} calls application B through the egress sidecar, naming the
 * user the thread serves (from the {@link SubjectSource}, not from the request: the servlet does
 * not pass the user along by hand) in {@link IdentityHeaders#SUBJECT}, and answers
 * {@code {"signed_in_at_a":…,"b_status":…,"b":…}} with B's answer as it came.
 */
final class CallThroughEgressServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private final URI egress;
    private final transient SubjectSource subjects;
    private final transient HttpClient http;

    CallThroughEgressServlet(URI egress, SubjectSource subjects, HttpClient http) {
        this.egress = egress;
        this.subjects = subjects;
        this.http = http;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        HttpRequest.Builder call = HttpRequest.newBuilder(egress).timeout(Duration.ofSeconds(20)).GET();
        subjects.currentSubject().ifPresent(user -> call.header(IdentityHeaders.SUBJECT, IdentityHeaders.encode(user)));
        HttpResponse<String> answer;
        try {
            answer = http.send(call.build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            response.sendError(503);
            return;
        } catch (IOException e) {
            response.sendError(502, "the egress sidecar at " + egress + " could not be reached");
            return;
        }
        String b = answer.body().startsWith("{") ? answer.body() : JsonText.quote(answer.body());
        byte[] body = ("{\"signed_in_at_a\":" + JsonText.quote(request.getRemoteUser()) + ",\"b_status\":"
                + answer.statusCode() + ",\"b\":" + b + "}").getBytes(StandardCharsets.UTF_8);
        response.setContentType("application/json;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
