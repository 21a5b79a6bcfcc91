/**
 * The outbound agent: obtains access tokens for outbound calls (RFC 7521/7522/7523 assertion
 * grants with user assertions it mints or the application supplies, client credentials, the
 * {@code tls_client_auth} grant), caches them per (subject, audience, scopes) and renews them ahead
 * of expiry, and attaches them to the HTTP clients Java applications use.
 *
 * <p>Public API: {@link io.tokengate.agent.TokenAgentConfig} (with its builder) and
 * {@link io.tokengate.agent.TokenAgent}; {@link io.tokengate.agent.SubjectSource} says whose
 * identity a call carries; {@link io.tokengate.agent.OutboundRoutes} which calls get which token;
 * {@link io.tokengate.agent.OutboundAuthorization} is what the adapters in
 * {@code io.tokengate.agent.jdk}, {@code io.tokengate.agent.jetty} and
 * {@code io.tokengate.agent.apache} build on; failures are
 * {@link io.tokengate.agent.TokenRequestException}s carrying the RFC 6749 §5.2 code. Everything
 * else here is package-private.
 */
package io.tokengate.agent;
