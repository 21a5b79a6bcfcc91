/** HTTP-facing values shared by the endpoints: the form body parser (RFC 6749 §3.2), the token request value and JSON quoting. */
package io.tokengate.http;
