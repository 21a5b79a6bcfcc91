/** The runnable demo and sidecar: Jetty 12 over HTTPS serving the Tokengate filters, with a demo PKI and registry. */
package io.tokengate.demo;
