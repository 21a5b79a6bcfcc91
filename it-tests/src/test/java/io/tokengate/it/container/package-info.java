/**
 * The {@link io.tokengate.resource.BearerTokenFilter} deployed from a plain {@code web.xml} into
 * real servlet containers (Jetty 12 ee10 and embedded Tomcat 11) over TLS with optional client
 * certificates, and one suite of wire-level checks run against each.
 */
package io.tokengate.it.container;
