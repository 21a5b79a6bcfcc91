/** User assertions for the assertion grants (RFC 7521, RFC 7522, RFC 7523): the verified value and the verifiers. */
package io.tokengate.assertion;
