/**
 * The {@link io.tokengate.resource.BearerTokenFilter} deployed from a plain {@code web.xml} into
 * real servlet containers (Jetty 12 ee10 and embedded Tomcat 11) over TLS with optional client
 * certificates, and the suites run against each: the local JWT checks
 * ({@code BearerTokenFilterContainerTest}), and introspection, revocation and signing key
 * rotation against a real authorization server ({@code AuthorizationServerContainerTest} with
 * {@code TestAuthorizationServer} and the test-side {@code RotatingSigningKeySource}).
 */
package io.tokengate.it.container;
