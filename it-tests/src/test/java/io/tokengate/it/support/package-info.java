/**
 * Helpers that keep the end-to-end tests short: TLS client set-ups from PEM files
 * ({@link io.tokengate.it.support.TlsClients}), a curl runner, a certificate builder, the answer
 * of any client as one value, and the assertions on token and error responses.
 */
package io.tokengate.it.support;
