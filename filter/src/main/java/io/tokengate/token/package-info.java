/** JWT access tokens (RFC 9068) with certificate binding (RFC 8705 §3), and the signing keys behind them. */
package io.tokengate.token;
