package io.tokengate.resource;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How the resource filter uses RFC 7662 token introspection; part of {@link ResourceServerConfig}.
 * Immutable; {@link #toString()} hides the secret. A bad value fails at start-up naming the option.
 *
 * @param mode                  which tokens are introspected; default {@link IntrospectionMode#OFF}
 * @param endpoint              the introspection endpoint; empty: the {@code introspection_endpoint}
 *                              of the issuer's RFC 8414 metadata, discovered on first use
 * @param clientId              the resource server's client id at the authorization server; empty:
 *                              the configured {@code audience} (Tokengate shows a caller only the
 *                              tokens whose {@code aud} names its client id)
 * @param clientSecret          its secret, sent as {@code client_secret_basic} (RFC 6749 §2.3.1)
 * @param clientCertificateFile PEM certificate (chain) presented over mutual TLS for
 *                              {@code tls_client_auth} (RFC 8705 §2), with {@code clientKeyFile}
 * @param clientKeyFile         PEM private key (PKCS#8, or traditional EC/RSA) of that certificate
 * @param activeTtl             longest time an active answer is reused (never past the token's
 *                              {@code exp}); default 30 s; 0 asks on every request
 * @param inactiveTtl           how long an inactive answer or a refused token is remembered;
 *                              default 5 s; 0 remembers nothing
 * @param timeout               connect and answer timeout of each introspection request; default 5 s
 */
public record IntrospectionSettings(IntrospectionMode mode, Optional<URI> endpoint, Optional<String> clientId,
        Optional<String> clientSecret, Optional<Path> clientCertificateFile, Optional<Path> clientKeyFile,
        Duration activeTtl, Duration inactiveTtl, Duration timeout) {

    public static final String MODE = "introspection-mode";
    public static final String ENDPOINT = "introspection-endpoint";
    public static final String CLIENT_ID = "introspection-client-id";
    public static final String CLIENT_SECRET = "introspection-client-secret";
    public static final String CLIENT_SECRET_FILE = "introspection-client-secret-file";
    public static final String CLIENT_CERTIFICATE = "introspection-client-certificate";
    public static final String CLIENT_KEY = "introspection-client-key";
    public static final String ACTIVE_TTL = "introspection-cache-ttl";
    public static final String INACTIVE_TTL = "introspection-inactive-ttl";
    public static final String TIMEOUT = "introspection-timeout";

    public IntrospectionSettings {
        Objects.requireNonNull(mode, MODE);
        Objects.requireNonNull(endpoint, ENDPOINT).ifPresent(u -> ConfigChecks.url(ENDPOINT, u.toString()));
        Objects.requireNonNull(clientId, CLIENT_ID).ifPresent(id -> {
            if (id.isBlank()) {
                throw new IllegalArgumentException(CLIENT_ID + " must be non-blank, was '" + id + "'");
            }
        });
        Objects.requireNonNull(clientSecret, CLIENT_SECRET);
        Objects.requireNonNull(clientCertificateFile, CLIENT_CERTIFICATE);
        Objects.requireNonNull(clientKeyFile, CLIENT_KEY);
        if (clientCertificateFile.isPresent() != clientKeyFile.isPresent()) {
            throw new IllegalArgumentException(CLIENT_CERTIFICATE + " and " + CLIENT_KEY + " go together: set both or"
                    + " neither");
        }
        if (clientSecret.isPresent() && clientCertificateFile.isPresent()) {
            throw new IllegalArgumentException("set either " + CLIENT_SECRET + " (client_secret_basic) or "
                    + CLIENT_CERTIFICATE + " with " + CLIENT_KEY + " (tls_client_auth), not both");
        }
        if (mode != IntrospectionMode.OFF && clientSecret.isEmpty() && clientCertificateFile.isEmpty()) {
            throw new IllegalArgumentException(MODE + " " + mode.name().toLowerCase(java.util.Locale.ROOT)
                    + " needs the resource server's client credentials: " + CLIENT_SECRET + " (or "
                    + CLIENT_SECRET_FILE + "), or " + CLIENT_CERTIFICATE + " with " + CLIENT_KEY);
        }
        ConfigChecks.between(ACTIVE_TTL, activeTtl, Duration.ZERO, Duration.ofHours(1));
        ConfigChecks.between(INACTIVE_TTL, inactiveTtl, Duration.ZERO, Duration.ofHours(1));
        ConfigChecks.between(TIMEOUT, timeout, Duration.ofMillis(100), Duration.ofMinutes(1));
    }

    /** Introspection off: the defaults. */
    public static IntrospectionSettings off() {
        return builder(IntrospectionMode.OFF).build();
    }

    public static Builder builder(IntrospectionMode mode) {
        return new Builder(mode);
    }

    /** Whether the resource server authenticates with a certificate over mutual TLS. */
    public boolean mutualTls() {
        return clientCertificateFile.isPresent();
    }

    @Override
    public String toString() {
        return "IntrospectionSettings[mode=" + mode + ", endpoint=" + endpoint.map(URI::toString).orElse("discovered")
                + ", clientId=" + clientId.orElse("(audience)") + ", authentication="
                + (mutualTls() ? "tls_client_auth" : clientSecret.isPresent() ? "client_secret_basic (secret hidden)"
                : "none") + ", activeTtl=" + activeTtl + ", inactiveTtl=" + inactiveTtl + ", timeout=" + timeout + "]";
    }

    /** Collects the options; {@link #build()} validates them all. */
    public static final class Builder {
        private final IntrospectionMode mode;
        private URI endpoint;
        private String clientId;
        private String clientSecret;
        private Path clientCertificateFile;
        private Path clientKeyFile;
        private Duration activeTtl = Duration.ofSeconds(30);
        private Duration inactiveTtl = Duration.ofSeconds(5);
        private Duration timeout = Duration.ofSeconds(5);

        private Builder(IntrospectionMode mode) {
            this.mode = mode;
        }

        public Builder endpoint(URI v) {
            endpoint = v;
            return this;
        }

        public Builder clientId(String v) {
            clientId = v;
            return this;
        }

        /** {@code client_secret_basic}. */
        public Builder clientSecret(String v) {
            clientSecret = v;
            return this;
        }

        /** {@code tls_client_auth}: the certificate and its key, both PEM files. */
        public Builder clientCertificate(Path certificateFile, Path keyFile) {
            clientCertificateFile = certificateFile;
            clientKeyFile = keyFile;
            return this;
        }

        public Builder activeTtl(Duration v) {
            activeTtl = v;
            return this;
        }

        public Builder inactiveTtl(Duration v) {
            inactiveTtl = v;
            return this;
        }

        public Builder timeout(Duration v) {
            timeout = v;
            return this;
        }

        public IntrospectionSettings build() {
            return new IntrospectionSettings(mode, Optional.ofNullable(endpoint), Optional.ofNullable(clientId),
                    Optional.ofNullable(clientSecret), Optional.ofNullable(clientCertificateFile),
                    Optional.ofNullable(clientKeyFile), activeTtl, inactiveTtl, timeout);
        }
    }
}
