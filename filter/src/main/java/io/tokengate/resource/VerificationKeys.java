package io.tokengate.resource;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.Provider;
import java.security.interfaces.ECPublicKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One loaded JWK set, with a ready verifier per usable key (RFC 7517 §4): RSA keys of 2048 bits
 * or more and EC keys; keys marked {@code use: enc}, symmetric and other keys are left out. EC
 * verifiers run on the given provider (BouncyCastle verifies ES256 about five times faster than
 * JDK 17's). Immutable.
 */
final class VerificationKeys {
    private static final Logger LOG = LoggerFactory.getLogger(VerificationKeys.class);
    private static final int MIN_RSA_BITS = 2048;

    /** A public key and its verifier. */
    record Key(JWK jwk, JWSVerifier verifier) {
        /** Whether this key may verify {@code alg}: its type fits and its own {@code alg}, if declared, is {@code alg}. */
        boolean accepts(JWSAlgorithm alg) {
            return verifier.supportedJWSAlgorithms().contains(alg) && (jwk.getAlgorithm() == null || alg.equals(jwk.getAlgorithm()));
        }
    }

    private final List<Key> all;
    private final Map<String, List<Key>> byKid;

    private VerificationKeys(List<Key> all) {
        this.all = List.copyOf(all);
        Map<String, List<Key>> index = new HashMap<>();
        for (Key k : all) {
            if (k.jwk.getKeyID() != null) {
                index.computeIfAbsent(k.jwk.getKeyID(), id -> new ArrayList<>()).add(k);
            }
        }
        index.replaceAll((kid, keys) -> List.copyOf(keys));
        this.byKid = Map.copyOf(index);
    }

    static VerificationKeys of(JWKSet set, Optional<Provider> ecProvider) {
        List<Key> keys = new ArrayList<>();
        for (JWK jwk : set.getKeys()) {
            if (KeyUse.ENCRYPTION.equals(jwk.getKeyUse())) {
                continue;
            }
            try {
                if (jwk instanceof ECKey ec) {
                    keys.add(new Key(jwk, ecVerifier(ec, ecProvider)));
                } else if (jwk instanceof RSAKey rsa) {
                    if (rsa.size() < MIN_RSA_BITS) {
                        LOG.warn("Ignored RSA key {}: {} bits, fewer than {}", jwk.getKeyID(), rsa.size(), MIN_RSA_BITS);
                        continue;
                    }
                    keys.add(new Key(jwk, new RSASSAVerifier(rsa.toPublicJWK())));
                }
            } catch (JOSEException e) {
                LOG.warn("Ignored key {} of the JWK set: {}", jwk.getKeyID(), e.getMessage());
            }
        }
        return new VerificationKeys(keys);
    }

    /**
     * On a provider, the verifier gets the key as that provider's own key class, converted once here:
     * BouncyCastle converts a JDK key on every verification (as on the signing side, see
     * {@code token.SigningKey}). Should the provider not convert it, the JDK key is used on it.
     */
    private static ECDSAVerifier ecVerifier(ECKey ec, Optional<Provider> provider) throws JOSEException {
        ECPublicKey jdkKey = ec.toECPublicKey();
        ECDSAVerifier verifier = new ECDSAVerifier(provider.map(p -> providerKey(jdkKey, p)).orElse(jdkKey));
        provider.ifPresent(p -> verifier.getJCAContext().setProvider(p));
        return verifier;
    }

    private static ECPublicKey providerKey(ECPublicKey key, Provider provider) {
        try {
            return KeyFactory.getInstance("EC", provider).translateKey(key) instanceof ECPublicKey translated
                    ? translated : key;
        } catch (GeneralSecurityException e) {
            LOG.debug("An EC key stays a JDK key on {}: {}", provider.getName(), e.getMessage());
            return key;
        }
    }

    boolean hasKid(String kid) {
        return byKid.containsKey(kid);
    }

    /** The keys named {@code kid} (every key when {@code kid} is null) that may verify {@code alg}. */
    List<Key> select(String kid, JWSAlgorithm alg) {
        List<Key> named = kid == null ? all : byKid.getOrDefault(kid, List.of());
        if (named.size() == 1) {
            return named.get(0).accepts(alg) ? named : List.of();
        }
        return named.stream().filter(k -> k.accepts(alg)).toList();
    }

    int size() {
        return all.size();
    }
}
