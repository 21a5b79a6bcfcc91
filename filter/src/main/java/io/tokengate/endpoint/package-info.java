/**
 * The servlet filters of the authorization server side and what they serve: the token endpoint
 * (RFC 6749 §3.2), token revocation (RFC 7009), token introspection (RFC 7662), RFC 8414 metadata,
 * the IDCS discovery document, the JWKS and the client registration filter (RFC 7591, RFC 7592).
 */
package io.tokengate.endpoint;
