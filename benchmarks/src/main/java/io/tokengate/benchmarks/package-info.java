/**
 * Benchmarks of the token endpoint's hot path: JMH micro-benchmarks of raw JWS signing and
 * verification ({@link io.tokengate.benchmarks.SigningBenchmark}) and of issuing one token through
 * the real {@code TokenEndpoint} in process ({@link io.tokengate.benchmarks.TokenIssueBenchmark}),
 * and {@link io.tokengate.benchmarks.LoadRun}, a load generator for the running gateway demo over
 * mutual TLS. How to run them and the figures measured are in {@code benchmarks/README.md}.
 */
package io.tokengate.benchmarks;
