/** Single-use enforcement for assertion IDs and {@code jti} values (RFC 7521 §5.2, RFC 7523 §3). */
package io.tokengate.replay;
