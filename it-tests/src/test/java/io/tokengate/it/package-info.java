/**
 * End-to-end tests: the gateway demo in a real Jetty on port 0 with its data directory in a
 * temporary folder, driven over real TLS sockets by real clients — {@code /usr/bin/curl},
 * {@link java.net.http.HttpClient} and the Nimbus OAuth 2.0 SDK — with assertions on what crossed
 * the wire.
 */
package io.tokengate.it;
