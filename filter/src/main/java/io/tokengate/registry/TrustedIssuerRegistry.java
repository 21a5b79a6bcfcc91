package io.tokengate.registry;

import java.util.Optional;

/** Looks up the external identity providers trusted to sign user assertions. Thread-safe. */
public interface TrustedIssuerRegistry {
    Optional<TrustedIssuer> findIssuer(String issuer);

    /** Every trusted issuer, for validators that are configured once (the SAML validator). */
    java.util.Collection<TrustedIssuer> trustedIssuers();

    /** A registry that trusts no issuer. */
    static TrustedIssuerRegistry none() {
        return new TrustedIssuerRegistry() {
            @Override
            public Optional<TrustedIssuer> findIssuer(String issuer) {
                return Optional.empty();
            }

            @Override
            public java.util.Collection<TrustedIssuer> trustedIssuers() {
                return java.util.List.of();
            }
        };
    }
}
