/**
 * Shared test fixtures of the filter module, published in its test-jar for the other modules:
 * a fresh BouncyCastle PKI per test ({@link io.tokengate.testing.TestCertificates}), client
 * profiles and a small registry ({@link io.tokengate.testing.TestClients}), resource owners with
 * cheap password hashes ({@link io.tokengate.testing.TestUsers}), a clock tests advance
 * ({@link io.tokengate.testing.TestClock}), servlet streams over byte arrays and assertions on
 * profiles and a small registry ({@link io.tokengate.testing.TestClients}), JWT assertions signed
 * by Nimbus ({@link io.tokengate.testing.TestJwts}), a clock tests move by hand
 * ({@link io.tokengate.testing.MutableClock}), servlet streams over byte arrays and assertions on
 * OAuth 2.0 errors, and RFC 9068 access tokens minted by the real issuer for resource-server tests
 * ({@link io.tokengate.testing.TestAccessTokens}); a real OCSP responder and a CRL server on
 * loopback, built with BouncyCastle, for certificate revocation tests
 * ({@link io.tokengate.testing.TestOcspResponder}, {@link io.tokengate.testing.TestCrlServer}).
 */
package io.tokengate.testing;
