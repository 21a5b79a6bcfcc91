/**
 * End-to-end tests of client certificate revocation: the token endpoint in real Jetty over mutual
 * TLS, with a real OCSP responder on loopback behind the certificate validator.
 */
package io.tokengate.it.revocation;
