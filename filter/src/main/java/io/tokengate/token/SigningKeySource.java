package io.tokengate.token;

import com.nimbusds.jose.jwk.JWKSet;

/**
 * Where the token signer gets its key and the JWKS endpoint the public keys (RFC 7517 §5).
 * Implementations are thread-safe; a rotating implementation publishes the previous key until
 * tokens it signed have expired.
 */
public interface SigningKeySource {
    /** The key new tokens are signed with. */
    SigningKey current();

    /** Every public key a token still in circulation may have been signed with. */
    JWKSet publicKeys();
}
