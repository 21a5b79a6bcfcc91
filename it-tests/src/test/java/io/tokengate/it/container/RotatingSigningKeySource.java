package io.tokengate.it.container;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import io.tokengate.token.SigningKey;
import io.tokengate.token.SigningKeySource;
import io.tokengate.token.SigningKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A test-side {@link SigningKeySource} that rotates when told: {@link #rotate()} makes a fresh
 * ES256 key the one new tokens are signed with and publishes it beside every earlier key (tokens
 * signed before the rotation stay verifiable). Not a product mechanism: just enough for an
 * authorization server whose key changes while a resource server keeps running. Thread-safe.
 */
final class RotatingSigningKeySource implements SigningKeySource {
    private volatile SigningKey current;
    private volatile JWKSet published;

    RotatingSigningKeySource() {
        rotate();
    }

    /** Generates a new current key and adds its public half to the published set. */
    synchronized SigningKey rotate() {
        SigningKey next = new SigningKey(SigningKeys.generate(JWSAlgorithm.ES256), JWSAlgorithm.ES256, Optional.empty());
        List<JWK> keys = new ArrayList<>(published == null ? List.of() : published.getKeys());
        keys.add(0, next.publicJwk());
        published = new JWKSet(keys);
        current = next;
        return next;
    }

    @Override
    public SigningKey current() {
        return current;
    }

    @Override
    public JWKSet publicKeys() {
        return published;
    }
}
