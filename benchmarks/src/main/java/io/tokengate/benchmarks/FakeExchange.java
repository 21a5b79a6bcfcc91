package io.tokengate.benchmarks;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Hand-written servlet request and response fakes for measuring the token endpoint in process,
 * without a container and without Mockito in the measured loop. Only what the endpoint reads and
 * writes is implemented; any other call reaches a stand-in that throws
 * {@link UnsupportedOperationException} naming the method, which the endpoint turns into a 500
 * that the benchmark refuses. Not thread-safe: one request and one response per exchange.
 */
final class FakeExchange {
    static final HttpServletRequest NO_REQUEST = unsupported(HttpServletRequest.class);
    private static final HttpServletResponse NO_RESPONSE = unsupported(HttpServletResponse.class);

    private FakeExchange() {
    }

    /**
     * A POST with a body, headers and attributes; its body can be read once. The maps are used as
     * given, not copied, so that making a request per measured call costs next to nothing: header
     * names must be keyed in lower case.
     */
    static final class Request extends HttpServletRequestWrapper {
        private final String contentType;
        private final byte[] body;
        private final Map<String, String> headers;
        private final Map<String, Object> attributes;
        private final String remoteAddress;

        Request(String contentType, byte[] body, Map<String, String> headers, Map<String, Object> attributes,
                String remoteAddress) {
            super(NO_REQUEST);
            this.contentType = contentType;
            this.body = body;
            this.headers = headers;
            this.attributes = attributes;
            this.remoteAddress = remoteAddress;
        }

        @Override
        public String getMethod() {
            return "POST";
        }

        @Override
        public String getContentType() {
            return contentType;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public String getQueryString() {
            return null;
        }

        @Override
        public String getHeader(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            String value = getHeader(name);
            return value == null ? Collections.emptyEnumeration() : Collections.enumeration(java.util.List.of(value));
        }

        @Override
        public Object getAttribute(String name) {
            return attributes.get(name);
        }

        @Override
        public String getRemoteAddr() {
            return remoteAddress;
        }

        @Override
        public ServletInputStream getInputStream() {
            return new BodyStream(body);
        }
    }

    /** Records status, headers and body; {@link #recycle()} makes it ready for the next exchange. */
    static final class Response extends HttpServletResponseWrapper {
        private final ByteArrayOutputStream body = new ByteArrayOutputStream(1024);
        private final Map<String, String> headers = new HashMap<>();
        private final ServletOutputStream out = new ServletOutputStream() {
            @Override
            public void write(int b) {
                body.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                body.write(b, off, len);
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setWriteListener(WriteListener listener) {
                throw new UnsupportedOperationException("setWriteListener");
            }
        };
        private int status = 200;
        private String contentType;

        Response() {
            super(NO_RESPONSE);
        }

        void recycle() {
            body.reset();
            headers.clear();
            status = 200;
            contentType = null;
        }

        @Override
        public void setStatus(int sc) {
            status = sc;
        }

        @Override
        public int getStatus() {
            return status;
        }

        @Override
        public void setHeader(String name, String value) {
            headers.put(name, value);
        }

        @Override
        public String getHeader(String name) {
            return headers.get(name);
        }

        @Override
        public void setContentType(String type) {
            contentType = type;
        }

        @Override
        public String getContentType() {
            return contentType;
        }

        @Override
        public void setContentLength(int len) {
            // the body is kept whole; nothing to check against
        }

        @Override
        public ServletOutputStream getOutputStream() {
            return out;
        }

        String bodyText() {
            return body.toString(java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private static final class BodyStream extends ServletInputStream {
        private final byte[] body;
        private int position;

        BodyStream(byte[] body) {
            this.body = body;
        }

        @Override
        public int read() {
            return position < body.length ? body[position++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (len == 0) {
                return 0;
            }
            if (position >= body.length) {
                return -1;
            }
            int n = Math.min(len, body.length - position);
            System.arraycopy(body, position, b, off, n);
            position += n;
            return n;
        }

        @Override
        public boolean isFinished() {
            return position >= body.length;
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
            throw new UnsupportedOperationException("setReadListener");
        }
    }

    private static <T> T unsupported(Class<T> type) {
        return type.cast(Proxy.newProxyInstance(FakeExchange.class.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> {
                    if (method.getName().equals("toString") && method.getParameterCount() == 0) {
                        return "unsupported " + type.getSimpleName();
                    }
                    throw new UnsupportedOperationException(type.getSimpleName() + "." + method.getName()
                            + " is not part of the benchmark fake");
                }));
    }
}
