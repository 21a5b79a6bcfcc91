/** Refresh tokens (RFC 6749 §6): opaque, stored hashed, bound to the client, rotated on use. */
package io.tokengate.refresh;
