/** JWT access tokens (RFC 9068) with certificate binding (RFC 8705 §3), the signing keys behind them, and
 * recognising this server's own tokens when they come back for revocation or introspection. */
package io.tokengate.token;
