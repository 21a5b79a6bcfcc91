/**
 * Identity propagation: {@link io.tokengate.agent.propagation.IdentityPropagationFilter} binds the
 * authenticated caller of the inbound request (container login, or the bearer token accepted by
 * {@link io.tokengate.resource.BearerTokenFilter}) to the serving thread, and
 * {@link io.tokengate.agent.propagation.RequestSubjects} — the project's one thread-local holder —
 * exposes it to the outbound agent as a {@link io.tokengate.agent.SubjectSource}, so outbound calls
 * made while serving the request carry a token in that user's context.
 */
package io.tokengate.agent.propagation;
