package io.tokengate.registry;

import java.util.Optional;

/** Looks up the external identity providers trusted to sign user assertions. Thread-safe. */
public interface TrustedIssuerRegistry {
    Optional<TrustedIssuer> findIssuer(String issuer);
}
