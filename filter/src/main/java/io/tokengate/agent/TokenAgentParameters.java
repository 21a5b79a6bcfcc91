package io.tokengate.agent;

import io.tokengate.cert.Certificates;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * Reads a {@link TokenAgentConfig} from named parameters ({@code web.xml} init-params, a
 * properties file, the sidecar's options). Secrets and keys are read from files, never from the
 * parameter value itself. Each error names the parameter.
 */
final class TokenAgentParameters {
    private TokenAgentParameters() {
    }

    static TokenAgentConfig read(Function<String, String> parameters) {
        Function<String, Optional<String>> p = name -> Optional.ofNullable(parameters.apply(name)).map(String::trim)
                .filter(s -> !s.isEmpty());
        TokenAgentConfig.Builder b = TokenAgentConfig.builder(p.apply(TokenAgentConfig.CLIENT_ID).orElseThrow(() ->
                new IllegalArgumentException("parameter '" + TokenAgentConfig.CLIENT_ID + "' is required")));
        p.apply(TokenAgentConfig.ISSUER).ifPresent(b::issuer);
        p.apply(TokenAgentConfig.TOKEN_ENDPOINT).ifPresent(b::tokenEndpoint);
        p.apply(TokenAgentConfig.CLIENT_AUTH).ifPresent(v -> b.clientAuth(named(TokenAgentConfig.CLIENT_AUTH, v, ClientAuth::parse)));
        p.apply(TokenAgentConfig.CLIENT_SECRET_FILE).ifPresent(v -> b.clientSecret(read(TokenAgentConfig.CLIENT_SECRET_FILE, v).trim()));
        Optional<String> key = p.apply(TokenAgentConfig.CLIENT_KEY_FILE);
        Optional<String> certificate = p.apply(TokenAgentConfig.CLIENT_CERTIFICATE_FILE);
        if (key.isPresent() != certificate.isPresent()) {
            throw new IllegalArgumentException("set both '" + TokenAgentConfig.CLIENT_KEY_FILE + "' and '"
                    + TokenAgentConfig.CLIENT_CERTIFICATE_FILE + "', or neither");
        }
        if (key.isPresent()) {
            b.keyMaterial(new ClientKeyMaterial(privateKey(key.get()), certificates(TokenAgentConfig.CLIENT_CERTIFICATE_FILE,
                    certificate.get())));
        }
        p.apply(TokenAgentConfig.TRUST_ANCHORS_FILE).ifPresent(v -> b.trustAnchors(certificates(TokenAgentConfig.TRUST_ANCHORS_FILE, v)));
        p.apply(TokenAgentConfig.USER_GRANT).ifPresent(v -> b.userGrant(named(TokenAgentConfig.USER_GRANT, v, UserGrant::parse)));
        p.apply(TokenAgentConfig.CLIENT_GRANT).ifPresent(v -> b.clientGrant(named(TokenAgentConfig.CLIENT_GRANT, v, ClientGrant::parse)));
        p.apply(TokenAgentConfig.CONNECT_TIMEOUT).ifPresent(v -> b.connectTimeout(duration(TokenAgentConfig.CONNECT_TIMEOUT, v)));
        p.apply(TokenAgentConfig.REQUEST_TIMEOUT).ifPresent(v -> b.requestTimeout(duration(TokenAgentConfig.REQUEST_TIMEOUT, v)));
        p.apply(TokenAgentConfig.ACQUIRE_TIMEOUT).ifPresent(v -> b.acquireTimeout(duration(TokenAgentConfig.ACQUIRE_TIMEOUT, v)));
        p.apply(TokenAgentConfig.REFRESH_AHEAD).ifPresent(v -> b.refreshAhead(duration(TokenAgentConfig.REFRESH_AHEAD, v)));
        p.apply(TokenAgentConfig.EXPIRY_SKEW).ifPresent(v -> b.expirySkew(duration(TokenAgentConfig.EXPIRY_SKEW, v)));
        p.apply(TokenAgentConfig.MAX_ATTEMPTS).ifPresent(v -> b.maxAttempts(integer(TokenAgentConfig.MAX_ATTEMPTS, v)));
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("outbound agent parameters: " + e.getMessage(), e);
        }
    }

    private static <T> T named(String name, String value, Function<String, T> parse) {
        try {
            return parse.apply(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("parameter '" + name + "': " + e.getMessage(), e);
        }
    }

    private static String read(String name, String file) {
        try {
            return Files.readString(Path.of(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("parameter '" + name + "': cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static java.util.List<java.security.cert.X509Certificate> certificates(String name, String file) {
        try {
            return Certificates.read(Path.of(file));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("parameter '" + name + "': " + e.getMessage(), e);
        }
    }

    /** A PEM private key, PKCS#8 ({@code BEGIN PRIVATE KEY}) or traditional ({@code BEGIN EC/RSA PRIVATE KEY}). */
    private static PrivateKey privateKey(String file) {
        try (Reader in = Files.newBufferedReader(Path.of(file), StandardCharsets.US_ASCII); PEMParser pem = new PEMParser(in)) {
            Object object = pem.readObject();
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            if (object instanceof PrivateKeyInfo info) {
                return converter.getPrivateKey(info);
            }
            if (object instanceof PEMKeyPair pair) {
                return converter.getKeyPair(pair).getPrivate();
            }
            throw new IllegalArgumentException("parameter '" + TokenAgentConfig.CLIENT_KEY_FILE + "': " + file
                    + " holds no unencrypted PEM private key");
        } catch (IOException e) {
            throw new IllegalArgumentException("parameter '" + TokenAgentConfig.CLIENT_KEY_FILE + "': cannot read " + file
                    + ": " + e.getMessage(), e);
        }
    }

    private static int integer(String name, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("parameter '" + name + "' must be a whole number, was '" + value + "'");
        }
    }

    /** ISO-8601 ({@code PT30S}) or a number of seconds, as the other Tokengate configurations take them. */
    private static Duration duration(String name, String value) {
        try {
            return value.chars().allMatch(Character::isDigit) ? Duration.ofSeconds(Long.parseLong(value)) : Duration.parse(value);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("parameter '" + name + "' must be seconds or an ISO-8601 duration such as"
                    + " PT30S, was '" + value + "'");
        }
    }
}
