package io.tokengate.resource;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A stand-in authorization server on a real loopback HTTP socket (port 0): {@code /introspect}
 * answers with whatever status and body the test set, {@code /.well-known/oauth-authorization-server}
 * with metadata naming it. Records every request's Authorization header and form body. Can hold
 * answers back until released, for tests of concurrent callers.
 */
final class FakeIntrospectionEndpoint implements AutoCloseable {
    /** One request as it arrived. */
    record Request(String path, String authorization, String body) {
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final CountDownLatch received = new CountDownLatch(1);
    private volatile int status = 200;
    private volatile String answer = "{\"active\":false}";
    private volatile CountDownLatch hold;

    FakeIntrospectionEndpoint() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String path = exchange.getRequestURI().getPath();
            requests.add(new Request(path, exchange.getRequestHeaders().getFirst("Authorization"), body));
            received.countDown();
            String reply;
            int code;
            if (path.equals("/.well-known/oauth-authorization-server")) {
                code = 200;
                reply = "{\"issuer\":\"" + issuer() + "\",\"introspection_endpoint\":\"" + endpoint() + "\"}";
            } else {
                CountDownLatch h = hold;
                if (h != null) {
                    await(h);
                }
                code = status;
                reply = answer;
            }
            byte[] bytes = reply.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(code, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    String issuer() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    String endpoint() {
        return issuer() + "/introspect";
    }

    void answer(int status, String body) {
        this.status = status;
        this.answer = body;
    }

    void answer(String body) {
        answer(200, body);
    }

    /** Introspection answers wait until {@link #release()}. */
    void holdAnswers() {
        hold = new CountDownLatch(1);
    }

    void release() {
        hold.countDown();
    }

    /** Waits (at most 10 s) for the first request. */
    void awaitFirstRequest() {
        await(received);
    }

    /** The introspection requests, without metadata reads. */
    List<Request> introspections() {
        return requests.stream().filter(r -> r.path().equals("/introspect")).toList();
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        CountDownLatch h = hold;
        if (h != null) {
            h.countDown();
        }
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("waited 10 s in the fake introspection endpoint");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
