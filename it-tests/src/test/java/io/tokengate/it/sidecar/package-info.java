/**
 * End-to-end tests of the sidecar modes over real sockets: the authorization server, application
 * A with its egress sidecar, application B behind its ingress sidecar.
 */
package io.tokengate.it.sidecar;
