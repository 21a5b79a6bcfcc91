/**
 * SAML 2.0 bearer assertions for the {@code urn:ietf:params:oauth:grant-type:saml2-bearer} grant
 * (RFC 7522): the validator that turns the {@code assertion} parameter into a
 * {@link io.tokengate.assertion.VerifiedAssertion}, its settings, and the minter that issues
 * signed assertions for the outbound agent, the demo and tests. Built on OpenSAML 4; the
 * {@link io.tokengate.assertion.saml.OpenSaml} object owns its one-time initialisation.
 * Single use (replay) is not checked here; the grant handler does that with the returned ID.
 */
package io.tokengate.assertion.saml;
