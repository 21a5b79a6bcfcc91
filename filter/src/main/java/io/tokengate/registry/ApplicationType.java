package io.tokengate.registry;

/** The kind of application a client is, as the administration console records it. */
public enum ApplicationType {
    /** A server-side application that can keep a secret or a private key. */
    CONFIDENTIAL,
    /** A mobile or browser application: a public client with no certificate and no secret. */
    MOBILE
}
