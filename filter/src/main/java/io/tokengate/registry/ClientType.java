package io.tokengate.registry;

/** How far the server trusts a client (Oracle Identity Cloud Service's client types). */
public enum ClientType {
    /** May also sign user assertions with its own certificate's key (the Assertion grant issue). */
    TRUSTED,
    /** An ordinary confidential client. */
    CONFIDENTIAL,
    /** A public client: the client type of a mobile application. */
    PUBLIC
}
