package io.tokengate.cert.validation;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;

/**
 * Fetches OCSP responses and CRLs. Any {@link IOException} (refused connection, timeout, an
 * answer other than 200, a body over the size limit) means the source is unreachable, which the
 * revocation policy may fail open on. Implementations are thread-safe.
 */
interface RevocationTransport {
    /** {@code POST} of {@code body} (RFC 6960 Appendix A.1); the response body. */
    byte[] post(URI uri, String contentType, byte[] body, Duration timeout) throws IOException;

    /** {@code GET} of a CRL; the response body. */
    byte[] get(URI uri, Duration timeout) throws IOException;
}
