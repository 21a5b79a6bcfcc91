/**
 * The resource-server side: a servlet filter that accepts RFC 9068 JWT access tokens sent as
 * bearer tokens (RFC 6750), or asks the authorization server about them by RFC 7662
 * introspection (opaque tokens, or every token when revocations must take effect at once), checks
 * their certificate binding (RFC 8705 §3) and the scopes each URL needs, and hands the
 * authenticated caller to the application. Here live the filter, its configuration (with
 * {@link io.tokengate.resource.IntrospectionSettings}), the token validator with its cache, the
 * JWKS key source, the RFC 8414 metadata discovery both share, the
 * {@link io.tokengate.resource.TokenIntrospector} with its answer cache, and the scope rules.
 */
package io.tokengate.resource;
