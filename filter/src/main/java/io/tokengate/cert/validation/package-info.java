/**
 * Client certificate validation, shared by every place that accepts a client certificate: PKIX
 * path validation to configured trust anchors (RFC 5280 §6), key usage and {@code clientAuth}
 * extended key usage, validity with clock skew, and revocation by OCSP (RFC 6960, with a nonce,
 * RFC 8954) and CRL (RFC 5280 §5) under a policy per trust anchor, with results cached per
 * certificate. Not to be confused with {@code io.tokengate.revocation}, which is about OAuth
 * token revocation (RFC 7009).
 */
package io.tokengate.cert.validation;
