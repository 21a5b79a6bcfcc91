package io.tokengate.testing;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Blocking servlet streams over byte arrays, for unit tests that mock
 * {@code HttpServletRequest.getInputStream()} and {@code HttpServletResponse.getOutputStream()}.
 */
public final class ServletStreams {
    private ServletStreams() {
    }

    /** A request body stream that yields {@code body} once. */
    public static ServletInputStream input(byte[] body) {
        ByteArrayInputStream in = new ByteArrayInputStream(body.clone());
        return new ServletInputStream() {
            @Override
            public int read() {
                return in.read();
            }

            @Override
            public int read(byte[] b, int off, int len) {
                return in.read(b, off, len);
            }

            @Override
            public boolean isFinished() {
                return in.available() == 0;
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setReadListener(ReadListener listener) {
                throw new UnsupportedOperationException("blocking test stream");
            }
        };
    }

    /** A request body stream that yields {@code body} encoded in UTF-8. */
    public static ServletInputStream input(String body) {
        return input(body.getBytes(StandardCharsets.UTF_8));
    }

    /** A response body stream that keeps what is written. Not thread-safe. */
    public static final class CapturingOutputStream extends ServletOutputStream {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        @Override
        public void write(int b) {
            bytes.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes.write(b, off, len);
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setWriteListener(WriteListener listener) {
            throw new UnsupportedOperationException("blocking test stream");
        }

        public byte[] bytes() {
            return bytes.toByteArray();
        }

        /** What was written, decoded as UTF-8. */
        public String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }
}
