/**
 * The registry model: clients (RFC 7591 metadata names), application roles and resource servers,
 * the lookup interfaces, an in-memory implementation and the JSON registry file.
 */
package io.tokengate.registry;
