package io.tokengate.assertion.jwt;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import io.tokengate.registry.Client;
import io.tokengate.registry.TrustedIssuer;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * The public keys an assertion may be verified with: a trusted issuer's static JWKS, its
 * certificates and its {@code jwks_uri} keys; or a client's registered certificate and JWKS
 * (for {@code private_key_jwt} and for user assertions a Trusted client signs itself).
 * Keys made from certificates are cached. Thread-safe.
 */
public final class AssertionKeys {
    private final JwksFetcher fetcher;
    private final Cache<X509Certificate, JWK> fromCertificates = Caffeine.newBuilder().maximumSize(10_000).build();

    public AssertionKeys(JwksFetcher fetcher) {
        this.fetcher = fetcher;
    }

    /** @param kid the key id the assertion names, so an unknown kid can trigger a bounded refetch */
    public List<JWK> of(TrustedIssuer issuer, String kid) {
        List<JWK> keys = new ArrayList<>();
        issuer.jwks().map(JWKSet::getKeys).ifPresent(keys::addAll);
        issuer.certificates().forEach(c -> keys.add(fromCertificate(c)));
        issuer.jwksUri().ifPresent(uri -> keys.addAll(fetcher.keys(uri, kid)));
        return keys;
    }

    public List<JWK> of(Client client) {
        List<JWK> keys = new ArrayList<>();
        client.certificate().ifPresent(c -> keys.add(fromCertificate(c)));
        client.jwks().map(JWKSet::getKeys).ifPresent(keys::addAll);
        return keys;
    }

    private JWK fromCertificate(X509Certificate certificate) {
        return fromCertificates.get(certificate, c -> {
            try {
                return JWK.parse(c);
            } catch (JOSEException e) {
                throw new IllegalArgumentException("certificate has an unsupported key type", e);
            }
        });
    }
}
