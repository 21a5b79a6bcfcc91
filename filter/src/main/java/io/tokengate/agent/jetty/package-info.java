/**
 * The outbound agent's adapter for Jetty's {@code HttpClient} (jetty-client, an optional
 * dependency): a request listener that attaches tokens and a send method that retries once on
 * {@code invalid_token}.
 */
package io.tokengate.agent.jetty;
