package io.tokengate.registration;

import io.tokengate.error.ErrorCode;
import io.tokengate.error.ErrorResponseWriter;
import io.tokengate.error.OAuth2Exception;
import io.tokengate.http.FormParameters;
import io.tokengate.resource.BearerErrorWriter;
import io.tokengate.resource.BearerTokenException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client registration endpoint (RFC 7591 §3) and client configuration endpoint (RFC 7592 §2)
 * for administrators. Every request must carry the {@link AdminCredential} first: without it 401
 * with {@code WWW-Authenticate: Bearer realm="…"}, with a wrong one 401 {@code invalid_token}.
 * Then:
 * <ul>
 *   <li>{@code POST /register} with JSON client metadata: 201 with the client information
 *       response (and {@code Location}); refusals 400 {@code invalid_client_metadata};</li>
 *   <li>{@code GET /register/{client_id}}: 200 with the registered metadata;</li>
 *   <li>{@code PUT /register/{client_id}}: the whole profile replaced, 200 with it;</li>
 *   <li>{@code DELETE /register/{client_id}}: 204; the client can no longer get tokens;</li>
 *   <li>an unknown client id: 404 {@code invalid_request} (the administrator may see every client,
 *       so RFC 7592 §2.1's 401, meant to hide other clients from a client's own token, does not apply).</li>
 * </ul>
 * Transport refusals: 405 with {@code Allow} for other methods, 413 for a body over the size
 * limit, 400 {@code invalid_request} for a body that is not {@code application/json}. Every answer
 * carries {@code Cache-Control: no-store}; anything unexpected is a logged {@code server_error}.
 * Thread-safe.
 */
public final class RegistrationEndpoint {
    private static final Logger LOG = LoggerFactory.getLogger(RegistrationEndpoint.class);
    private static final String JSON = "application/json";

    private final ClientRegistrations registrations;
    private final ClientMetadataParser parser;
    private final ClientMetadataWriter writer;
    private final AdminCredential admin;
    private final ErrorResponseWriter errors;
    private final BearerErrorWriter bearerErrors;
    private final String endpointUrl;
    private final int maxBodyBytes;

    /** @param endpointUrl the absolute URL of the registration endpoint, to which {@code /client_id} is appended */
    public RegistrationEndpoint(ClientRegistrations registrations, ClientMetadataParser parser, ClientMetadataWriter writer,
            AdminCredential admin, ErrorResponseWriter errors, BearerErrorWriter bearerErrors, String endpointUrl,
            int maxBodyBytes) {
        this.registrations = registrations;
        this.parser = parser;
        this.writer = writer;
        this.admin = admin;
        this.errors = errors;
        this.bearerErrors = bearerErrors;
        this.endpointUrl = endpointUrl;
        this.maxBodyBytes = maxBodyBytes;
    }

    /** @param below what follows the registration path: empty, or {@code /client_id} */
    public void service(HttpServletRequest request, HttpServletResponse response, String below) throws IOException {
        try {
            if (admin.check(request) == AdminCredential.Presented.MISSING) {
                LOG.info("Registration request from {} refused: no administrator bearer token", request.getRemoteAddr());
                bearerErrors.writeChallenge(response);
                return;
            }
            dispatch(request, response, below);
        } catch (BearerTokenException e) {
            LOG.info("Registration request from {} refused: {} {}", request.getRemoteAddr(), e.error().value(),
                    e.description());
            bearerErrors.write(response, e);
        } catch (OAuth2Exception e) {
            LOG.info("Registration request {} {} from {} refused: {} {}", request.getMethod(), below,
                    request.getRemoteAddr(), e.code().value(), e.description());
            errors.write(response, e);
        } catch (RuntimeException e) {
            LOG.error("Registration request from {} failed unexpectedly", request.getRemoteAddr(), e);
            errors.write(response, new OAuth2Exception(ErrorCode.SERVER_ERROR,
                    "the server could not process the registration request; the cause is in the server log"));
        }
    }

    private void dispatch(HttpServletRequest request, HttpServletResponse response, String below) throws IOException {
        String method = request.getMethod();
        if (below.isEmpty()) {
            if (!"POST".equals(method)) {
                throw notAllowed(response, "POST", "the registration endpoint accepts only POST (RFC 7591 §3), not " + method);
            }
            Registration created = registrations.create(parser.parse(body(request)));
            String uri = clientUri(created.client().clientId());
            response.setHeader("Location", uri);
            send(response, 201, writer.write(created, uri));
            return;
        }
        String clientId = clientIdOf(below.substring(1));
        switch (method) {
            case "GET" -> send(response, 200, writer.write(new Registration(registrations.read(clientId)
                    .orElseThrow(() -> ClientRegistrations.notFound(clientId)), Optional.empty(), Optional.empty()),
                    clientUri(clientId)));
            case "PUT" -> send(response, 200, writer.write(registrations.update(clientId, parser.parse(body(request))),
                    clientUri(clientId)));
            case "DELETE" -> {
                registrations.delete(clientId);
                response.setStatus(204);
                response.setHeader("Cache-Control", "no-store");
            }
            default -> throw notAllowed(response, "GET, PUT, DELETE", "the client configuration endpoint accepts GET, PUT"
                    + " and DELETE (RFC 7592 §2), not " + method);
        }
    }

    private String body(HttpServletRequest request) throws IOException {
        String contentType = Optional.ofNullable(request.getContentType()).orElse("");
        if (!JSON.equals(contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT))) {
            throw OAuth2Exception.invalidRequest("the request body must be " + JSON + " client metadata (RFC 7591 §3.1)"
                    + (contentType.isEmpty() ? "; no Content-Type was sent" : ", not " + contentType));
        }
        byte[] bytes = FormParameters.readBody(request, maxBodyBytes);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw ClientMetadataParser.invalid("the request body is not UTF-8 (RFC 8259 §8.1)");
        }
    }

    /**
     * The client id of the path segment, percent-decoded (RFC 3986 §2.1), so that clients of the
     * registry file whose ids hold reserved characters (an audience URL, say) can be managed too;
     * an encoded {@code /} ({@code %2F}) may be refused by the container before it gets here
     * (Jetty 12's default URI compliance does).
     */
    private static String clientIdOf(String segment) {
        String decoded;
        try {
            decoded = URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            decoded = "";
        }
        if (decoded.isEmpty() || segment.indexOf('/') >= 0 || decoded.length() > 1024) {
            throw ClientRegistrations.notFound(segment.length() > 128 ? segment.substring(0, 128) + "…" : segment);
        }
        return decoded;
    }

    /** The client configuration endpoint of {@code clientId}: the id percent-encoded as one path segment. */
    private String clientUri(String clientId) {
        return endpointUrl + "/" + URLEncoder.encode(clientId, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static OAuth2Exception notAllowed(HttpServletResponse response, String allow, String description) {
        response.setHeader("Allow", allow);
        return new OAuth2Exception(ErrorCode.INVALID_REQUEST, description, 405);
    }

    private static void send(HttpServletResponse response, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Pragma", "no-cache");
        response.setContentType("application/json;charset=UTF-8");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
