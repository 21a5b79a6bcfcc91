package io.tokengate.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.Provider;
import java.text.ParseException;
import java.util.List;
import java.util.Optional;

/**
 * Makes {@link SigningKeySource}s: a fixed key, a freshly generated one, or one kept in a JWK file
 * that is created (owner-only permissions, written atomically) on first start and reused after.
 */
public final class SigningKeys {
    private SigningKeys() {
    }

    /** A new private key for {@code algorithm}: EC P-256 for ES256, RSA 2048 for RS256 and PS256; kid is its RFC 7638 thumbprint. */
    public static JWK generate(JWSAlgorithm algorithm) {
        try {
            if (JWSAlgorithm.ES256.equals(algorithm)) {
                return new ECKeyGenerator(Curve.P_256).keyUse(KeyUse.SIGNATURE).algorithm(algorithm)
                        .keyIDFromThumbprint(true).generate();
            }
            if (JWSAlgorithm.RS256.equals(algorithm) || JWSAlgorithm.PS256.equals(algorithm)) {
                return new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).algorithm(algorithm)
                        .keyIDFromThumbprint(true).generate();
            }
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate a " + algorithm + " key", e);
        }
        throw new IllegalArgumentException("signing algorithm " + algorithm + " is not supported; use ES256, RS256 or PS256");
    }

    /** A source that always answers with {@code key}. */
    public static SigningKeySource fixed(SigningKey key) {
        JWKSet published = new JWKSet(List.of(key.publicJwk()));
        return new SigningKeySource() {
            @Override
            public SigningKey current() {
                return key;
            }

            @Override
            public JWKSet publicKeys() {
                return published;
            }
        };
    }

    /** The key stored in {@code file}, generated and written there first if the file does not exist. */
    public static SigningKeySource fromFile(Path file, JWSAlgorithm algorithm, Optional<Provider> provider) {
        try {
            if (Files.exists(file)) {
                JWK jwk = JWK.parse(Files.readString(file, StandardCharsets.UTF_8));
                try {
                    return fixed(new SigningKey(jwk, algorithm, provider));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("signing key file " + file + " does not hold a private "
                            + algorithm + " key: " + e.getMessage(), e);
                }
            }
            SigningKey key = new SigningKey(generate(algorithm), algorithm, provider);
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path temp = Files.createTempFile(parent, ".signing-key", ".tmp");
            try {
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system; the directory's own protection applies
            }
            Files.writeString(temp, key.toPrivateJson(), StandardCharsets.UTF_8);
            try {
                Files.createLink(file, temp); // fails if another instance created the key first
            } catch (java.nio.file.FileAlreadyExistsException e) {
                Files.delete(temp);
                return fromFile(file, algorithm, provider);
            }
            Files.delete(temp);
            return fixed(key);
        } catch (IOException | ParseException e) {
            throw new IllegalArgumentException("cannot use signing key file " + file + ": " + e.getMessage(), e);
        }
    }
}
