/**
 * The outbound agent's adapter for Apache HttpClient 5 (httpclient5, an optional dependency): an
 * exec-chain handler that attaches tokens and retries once on {@code invalid_token}.
 */
package io.tokengate.agent.apache;
