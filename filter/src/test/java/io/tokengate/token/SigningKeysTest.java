package io.tokengate.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigningKeysTest {
    @TempDir
    Path dir;

    @Test
    void fromFileWhenFileMissingThenCreatedWithOwnerOnlyPermissions() throws IOException, ParseException {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        Path file = dir.resolve("keys/signing-key.jwk");

        SigningKeySource source = SigningKeys.fromFile(file, JWSAlgorithm.ES256, Optional.empty());

        assertTrue(Files.exists(file));
        assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(file));
        JWK stored = JWK.parse(Files.readString(file, StandardCharsets.UTF_8));
        assertTrue(stored.isPrivate());
        assertEquals(source.current().keyId(), stored.getKeyID());
    }

    @Test
    void fromFileWhenFileCreatedThenNoTemporaryFileLeftBehind() throws IOException {
        SigningKeys.fromFile(dir.resolve("signing-key.jwk"), JWSAlgorithm.ES256, Optional.empty());

        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(dir.resolve("signing-key.jwk")), files.toList());
        }
    }

    @Test
    void fromFileWhenCalledAgainThenSameKeyReused() {
        Path file = dir.resolve("signing-key.jwk");

        SigningKeySource first = SigningKeys.fromFile(file, JWSAlgorithm.ES256, Optional.empty());
        SigningKeySource second = SigningKeys.fromFile(file, JWSAlgorithm.ES256, Optional.empty());

        assertEquals(first.current().keyId(), second.current().keyId());
        assertEquals(first.publicKeys().toString(), second.publicKeys().toString());
    }

    @Test
    void fromFileWhenRsaAlgorithmThenRsaKeyStoredAndReused() {
        Path file = dir.resolve("rsa.jwk");

        SigningKeySource first = SigningKeys.fromFile(file, JWSAlgorithm.PS256, Optional.empty());
        SigningKeySource second = SigningKeys.fromFile(file, JWSAlgorithm.PS256, Optional.empty());

        assertTrue(first.publicKeys().getKeys().get(0) instanceof RSAKey);
        assertEquals(first.current().keyId(), second.current().keyId());
    }

    @Test
    void fromFileWhenFileNotJwkThenRefusedNamingFile() throws IOException {
        Path file = Files.writeString(dir.resolve("signing-key.jwk"), "not json");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SigningKeys.fromFile(file, JWSAlgorithm.ES256, Optional.empty()));

        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }

    @Test
    void fromFileWhenStoredKeyDoesNotFitAlgorithmThenRefused() {
        Path file = dir.resolve("signing-key.jwk");
        SigningKeys.fromFile(file, JWSAlgorithm.ES256, Optional.empty());

        assertThrows(IllegalArgumentException.class, () -> SigningKeys.fromFile(file, JWSAlgorithm.RS256, Optional.empty()));
    }

    @Test
    void generateWhenEs256ThenP256KeyWithThumbprintAsKid() throws Exception {
        JWK key = SigningKeys.generate(JWSAlgorithm.ES256);

        assertEquals(Curve.P_256, ((ECKey) key).getCurve());
        assertEquals(key.computeThumbprint().toString(), key.getKeyID());
    }

    @Test
    void generateWhenRs256ThenRsaKeyOfAtLeast2048Bits() {
        assertTrue(((RSAKey) SigningKeys.generate(JWSAlgorithm.RS256)).size() >= 2048);
    }

    @Test
    void generateWhenAlgorithmUnsupportedThenRefusedNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SigningKeys.generate(JWSAlgorithm.HS256));

        assertTrue(e.getMessage().contains("HS256"), e.getMessage());
    }

    @Test
    void fixedWhenCalledThenPublishesOnlyThePublicKey() {
        SigningKey key = new SigningKey(SigningKeys.generate(JWSAlgorithm.ES256), JWSAlgorithm.ES256, Optional.empty());

        SigningKeySource source = SigningKeys.fixed(key);

        assertEquals(key, source.current());
        assertEquals(1, source.publicKeys().getKeys().size());
        assertFalse(source.publicKeys().getKeys().get(0).isPrivate());
        assertEquals(key.keyId(), source.publicKeys().getKeys().get(0).getKeyID());
    }
}
