package io.tokengate.assertion.saml;

import io.tokengate.testing.SamlAssertions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Rough warm timing of {@link SamlBearerAssertionValidator#validate} for the benchmarks README;
 * not a test and not a benchmark (the JMH module is for that). Run with the filter test class
 * path: {@code java -cp ... io.tokengate.assertion.saml.SamlValidationTiming [iterations]}.
 */
public final class SamlValidationTiming {
    private SamlValidationTiming() {
    }

    public static void main(String[] args) {
        int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        Clock clock = Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);
        for (SamlAssertions idp : new SamlAssertions[] {SamlAssertions.rsa(clock), SamlAssertions.ec(clock)}) {
            var validator = new SamlBearerAssertionValidator(idp.settings().build(), clock);
            String parameter = idp.assertion().toParameter();
            time(validator, parameter, iterations); // warm-up
            double micros = time(validator, parameter, iterations);
            System.out.printf("%s: %.0f µs per validate (%d iterations, %d characters)%n",
                    idp.privateKey().getAlgorithm(), micros, iterations, parameter.length());
        }
    }

    private static double time(SamlBearerAssertionValidator validator, String parameter, int iterations) {
        long start = System.nanoTime();
        for (int i = 0; i < iterations; i++) {
            validator.validate(parameter);
        }
        return (System.nanoTime() - start) / 1_000.0 / iterations;
    }
}
