/**
 * Token endpoint client authentication (RFC 6749 §2.3, RFC 8705 §2): one authenticator per
 * method and the {@link io.tokengate.clientauth.ClientAuthentication} that chooses among them.
 */
package io.tokengate.clientauth;
