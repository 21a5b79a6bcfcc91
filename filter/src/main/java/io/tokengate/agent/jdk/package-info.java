/**
 * The outbound agent's adapter for {@code java.net.http.HttpClient}: a decorating client that
 * attaches tokens and retries once on {@code invalid_token}.
 */
package io.tokengate.agent.jdk;
