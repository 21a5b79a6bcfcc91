/**
 * The sidecar modes of the demo: an ingress reverse proxy that validates bearer tokens with
 * {@link io.tokengate.resource.BearerTokenFilter} and forwards to its application with the caller's
 * identity in {@link io.tokengate.demo.sidecar.IdentityHeaders}, an egress forward proxy on a
 * loopback port that attaches tokens obtained for the local application's user, and the two small
 * applications of the walkthrough (A with a login and identity propagation, B answering who called).
 */
package io.tokengate.demo.sidecar;
