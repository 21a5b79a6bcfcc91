/** Grant handlers, one per grant type (RFC 6749 §4, RFC 8705), and scope resolution from application roles. */
package io.tokengate.grant;
