/**
 * Client registration for administrators, the way the administration console works: RFC 7591
 * dynamic client registration and RFC 7592 client configuration (create, read, update, delete)
 * with the application type, client type, grants, imported certificate and application roles of
 * a client profile. {@link io.tokengate.registration.ClientRegistrations} is the one path every
 * registration takes (the HTTP endpoint and the demo's seed data); the metadata is parsed by
 * {@link io.tokengate.registration.ClientMetadataParser}, checked by
 * {@link io.tokengate.registration.RegistrationRules} and kept in a
 * {@link io.tokengate.registry.ClientStore}.
 */
package io.tokengate.registration;
