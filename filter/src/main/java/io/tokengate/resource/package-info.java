/**
 * The resource-server side: a servlet filter that accepts RFC 9068 JWT access tokens sent as
 * bearer tokens (RFC 6750), checks their certificate binding (RFC 8705 §3) and the scopes each
 * URL needs, and hands the authenticated caller to the application. Here live the filter, its
 * configuration, the token validator with its cache, the JWKS key source and the scope rules.
 */
package io.tokengate.resource;
