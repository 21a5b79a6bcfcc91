/**
 * Client certificates: reading them from the TLS session or a trusted proxy's RFC 9440 headers,
 * thumbprints (RFC 8705 §3.1) and PKIX chain validation (RFC 8705 §2.1). The validation every
 * accepted certificate goes through, with revocation, lives in {@code io.tokengate.cert.validation}.
 */
package io.tokengate.cert;
