/**
 * Benchmarks of the token endpoint's hot path: JMH micro-benchmarks of raw JWS signing and
 * verification ({@link io.tokengate.benchmarks.SigningBenchmark}) and of issuing one token through
 * the real {@code TokenEndpoint} in process ({@link io.tokengate.benchmarks.TokenIssueBenchmark}),
 * the resource side's validation cache and bearer filter in process
 * ({@link io.tokengate.benchmarks.ResourceBenchmark}), and {@link io.tokengate.benchmarks.LoadRun}, a
 * load generator for the running gateway demo over mutual TLS (the token endpoint, or the protected API
 * against its unprotected twin). How to run them and the figures measured are in {@code benchmarks/README.md}.
 */
package io.tokengate.benchmarks;
