/**
 * The outbound agent: obtains access tokens for outbound calls (RFC 7521/7522/7523 assertion
 * grants, client credentials, the {@code tls_client_auth} grant), caches them and attaches them to
 * the HTTP clients Java applications use.
 */
package io.tokengate.agent;
