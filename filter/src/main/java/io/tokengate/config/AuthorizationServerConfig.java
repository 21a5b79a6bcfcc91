package io.tokengate.config;

import com.nimbusds.jose.JWSAlgorithm;
import io.tokengate.cert.TrustedProxies;
import io.tokengate.registry.SecretHash;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Everything the authorization server side is configured with. Immutable; made by
 * {@link #builder(String)} in code or {@link #fromParameters(Function)} from {@code web.xml}
 * init-params, which produce the same record. A bad value fails at start-up with a message naming
 * the option (the init-param name).
 *
 * @param issuer              the issuer identifier (RFC 8414 §2): https URL, no query or fragment
 * @param tokenPath           path of the token endpoint below the context, default {@code /oauth2/v1/token}
 * @param jwksPath            path of the JWKS endpoint, default {@code /oauth2/v1/keys}
 * @param revocationPath      path of the token revocation endpoint (RFC 7009), default {@code /oauth2/v1/revoke}
 * @param introspectionPath   path of the token introspection endpoint (RFC 7662), default {@code /oauth2/v1/introspect}
 * @param mtlsBaseUrl         where clients reach the server with mutual TLS when that is another
 *                            host or port (published as {@code mtls_endpoint_aliases}, RFC 8705 §5)
 * @param maxBodyBytes        largest token request body accepted (413 above it), default 64 KiB
 * @param accessTokenLifetime default one hour
 * @param signingAlgorithm    ES256 (default), RS256 or PS256
 * @param signingProvider     JCA provider used to sign
 * @param signingKeyFile      private JWK kept here, generated on first start; empty for an in-memory key
 * @param registryFile        the JSON registry of clients, roles and resource servers
 * @param trustAnchorsFile    PEM CA certificates that {@code tls_client_auth} PKI clients chain to
 * @param trustedProxies      addresses whose RFC 9440 {@code Client-Cert} headers are believed
 * @param realm               realm of the {@code WWW-Authenticate} challenge
 * @param usersFile           the JSON users file of the password grant (RFC 6749 §4.3); empty for no
 *                            users, so every password grant is refused with {@code invalid_grant}
 * @param refreshTokenLifetime how long each refresh token is usable (RFC 6749 §6), default 30 days
 * @param refreshTokenFamilyLifetime how long one sign-in may be refreshed in all, however often its
 *                            rotating refresh tokens are used; empty for no absolute limit
 * @param clockSkew           skew allowed when checking assertion times, default 60 s
 * @param assertionMaxLifetime how far ahead a user or client assertion may expire, default one hour
 * @param assertionSubjectsMustExist whether the subject of a user assertion must be a known, enabled
 *                            user of the users file (default false: external identity providers
 *                            vouch for their own users)
 * @param registrationPath    path of the client registration endpoint (RFC 7591 §3; RFC 7592 below it at
 *                            {@code /client_id}), default {@code /oauth2/v1/register}
 * @param registrationAdminTokenHash the hash ({@code {sha256}BASE64} or {@code {bcrypt}$2y$…}) of the
 *                            administrator's bearer token that protects registration; empty: registration
 *                            is not served and not published
 * @param database            where durable, shared state lives ({@code jdbc-url} and its companions);
 *                            empty keeps everything in this process's memory and files
 */
public record AuthorizationServerConfig(
        String issuer,
        String tokenPath,
        String jwksPath,
        String revocationPath,
        String introspectionPath,
        Optional<String> mtlsBaseUrl,
        int maxBodyBytes,
        Duration accessTokenLifetime,
        JWSAlgorithm signingAlgorithm,
        SigningProvider signingProvider,
        Optional<Path> signingKeyFile,
        Optional<Path> registryFile,
        Optional<Path> trustAnchorsFile,
        TrustedProxies trustedProxies,
        String realm,
        Optional<Path> usersFile,
        Duration refreshTokenLifetime,
        Optional<Duration> refreshTokenFamilyLifetime,
        Duration clockSkew,
        Duration assertionMaxLifetime,
        boolean assertionSubjectsMustExist,
        String registrationPath,
        Optional<SecretHash> registrationAdminTokenHash,
        Optional<DatabaseConfig> database) {

    /** The init-param names, as written in {@code web.xml}. */
    public static final String ISSUER = "issuer";
    public static final String TOKEN_PATH = "token-path";
    public static final String JWKS_PATH = "jwks-path";
    public static final String REVOCATION_PATH = "revocation-path";
    public static final String INTROSPECTION_PATH = "introspection-path";
    public static final String MTLS_BASE_URL = "mtls-base-url";
    public static final String MAX_BODY_BYTES = "max-body-bytes";
    public static final String ACCESS_TOKEN_LIFETIME = "access-token-lifetime";
    public static final String SIGNING_ALGORITHM = "signing-algorithm";
    public static final String SIGNING_PROVIDER = "signing-provider";
    public static final String SIGNING_KEY_FILE = "signing-key-file";
    public static final String REGISTRY_FILE = "registry-file";
    public static final String TRUST_ANCHORS_FILE = "trust-anchors-file";
    public static final String TRUSTED_PROXIES = "trusted-proxies";
    public static final String REALM = "realm";
    public static final String USERS_FILE = "users-file";
    public static final String REFRESH_TOKEN_LIFETIME = "refresh-token-lifetime";
    public static final String REFRESH_TOKEN_FAMILY_LIFETIME = "refresh-token-family-lifetime";
    public static final String CLOCK_SKEW = "clock-skew";
    public static final String ASSERTION_MAX_LIFETIME = "assertion-max-lifetime";
    public static final String ASSERTION_SUBJECTS_MUST_EXIST = "assertion-subjects-must-exist";
    public static final String REGISTRATION_PATH = "registration-path";
    public static final String REGISTRATION_ADMIN_TOKEN_HASH = "registration-admin-token-hash";
    public static final String JDBC_URL = "jdbc-url";
    public static final String JDBC_USER = "jdbc-user";
    public static final String JDBC_PASSWORD = "jdbc-password";
    public static final String JDBC_POOL_SIZE = "jdbc-pool-size";
    public static final String STORE_CACHE_TTL = "store-cache-ttl";
    public static final String STORE_PURGE_INTERVAL = "store-purge-interval";
    public static final String KEY_ENCRYPTION_KEY_FILE = "key-encryption-key-file";
    public static final String SIGNING_KEY_ROTATION_PERIOD = "signing-key-rotation-period";

    /** Which JCA provider signs tokens. */
    public enum SigningProvider {
        /** The JDK's own providers. */
        JDK,
        /** BouncyCastle: about twice the ES256 signing rate of JDK 17's provider. */
        BOUNCY_CASTLE
    }

    public AuthorizationServerConfig {
        issuer = checkIssuer(issuer);
        tokenPath = checkPath(TOKEN_PATH, tokenPath);
        jwksPath = checkPath(JWKS_PATH, jwksPath);
        revocationPath = checkPath(REVOCATION_PATH, revocationPath);
        introspectionPath = checkPath(INTROSPECTION_PATH, introspectionPath);
        registrationPath = checkPath(REGISTRATION_PATH, registrationPath);
        if (registrationPath.endsWith("/")) {
            throw new IllegalArgumentException(REGISTRATION_PATH + " must not end with '/', was '" + registrationPath + "'");
        }
        List<String> paths = List.of(tokenPath, jwksPath, revocationPath, introspectionPath, registrationPath);
        if (paths.stream().distinct().count() < paths.size()) {
            throw new IllegalArgumentException(TOKEN_PATH + ", " + JWKS_PATH + ", " + REVOCATION_PATH + ", "
                    + INTROSPECTION_PATH + " and " + REGISTRATION_PATH + " must all differ, were " + paths);
        }
        Objects.requireNonNull(registrationAdminTokenHash, REGISTRATION_ADMIN_TOKEN_HASH);
        Objects.requireNonNull(mtlsBaseUrl, MTLS_BASE_URL);
        mtlsBaseUrl = mtlsBaseUrl.map(u -> stripSlash(checkHttps(MTLS_BASE_URL, u)));
        if (maxBodyBytes < 1024 || maxBodyBytes > 16 * 1024 * 1024) {
            throw new IllegalArgumentException(MAX_BODY_BYTES + " must be between 1024 and 16777216, was " + maxBodyBytes);
        }
        if (accessTokenLifetime.compareTo(Duration.ofSeconds(10)) < 0 || accessTokenLifetime.compareTo(Duration.ofDays(1)) > 0) {
            throw new IllegalArgumentException(ACCESS_TOKEN_LIFETIME + " must be between 10 seconds and one day, was "
                    + accessTokenLifetime);
        }
        if (!List.of(JWSAlgorithm.ES256, JWSAlgorithm.RS256, JWSAlgorithm.PS256).contains(signingAlgorithm)) {
            throw new IllegalArgumentException(SIGNING_ALGORITHM + " must be ES256, RS256 or PS256, was " + signingAlgorithm);
        }
        Objects.requireNonNull(signingProvider, SIGNING_PROVIDER);
        Objects.requireNonNull(signingKeyFile, SIGNING_KEY_FILE);
        Objects.requireNonNull(registryFile, REGISTRY_FILE);
        Objects.requireNonNull(trustAnchorsFile, TRUST_ANCHORS_FILE);
        Objects.requireNonNull(trustedProxies, TRUSTED_PROXIES);
        if (realm == null || realm.isBlank() || realm.contains("\"") || realm.contains("\\")) {
            throw new IllegalArgumentException(REALM + " must be non-empty and contain no quote or backslash");
        }
        Objects.requireNonNull(usersFile, USERS_FILE);
        Objects.requireNonNull(refreshTokenLifetime, REFRESH_TOKEN_LIFETIME);
        if (refreshTokenLifetime.compareTo(Duration.ofMinutes(1)) < 0 || refreshTokenLifetime.compareTo(Duration.ofDays(365)) > 0) {
            throw new IllegalArgumentException(REFRESH_TOKEN_LIFETIME + " must be between one minute and 365 days, was "
                    + refreshTokenLifetime);
        }
        Objects.requireNonNull(refreshTokenFamilyLifetime, REFRESH_TOKEN_FAMILY_LIFETIME);
        refreshTokenFamilyLifetime.ifPresent(family -> {
            if (family.compareTo(refreshTokenLifetime) < 0 || family.compareTo(Duration.ofDays(3650)) > 0) {
                throw new IllegalArgumentException(REFRESH_TOKEN_FAMILY_LIFETIME + " must be at least "
                        + REFRESH_TOKEN_LIFETIME + " (" + refreshTokenLifetime + ") and at most 3650 days, was " + family);
            }
        });
        if (clockSkew.isNegative() || clockSkew.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new IllegalArgumentException(CLOCK_SKEW + " must be between 0 and 10 minutes, was " + clockSkew);
        }
        if (assertionMaxLifetime.compareTo(Duration.ofMinutes(1)) < 0 || assertionMaxLifetime.compareTo(Duration.ofDays(1)) > 0) {
            throw new IllegalArgumentException(ASSERTION_MAX_LIFETIME + " must be between one minute and one day, was "
                    + assertionMaxLifetime);
        }
        Objects.requireNonNull(database, JDBC_URL);
        if (database.isPresent() && signingKeyFile.isPresent()) {
            throw new IllegalArgumentException(SIGNING_KEY_FILE + " and " + JDBC_URL + " exclude each other: with "
                    + JDBC_URL + " the signing keys live in the database (sealed with " + KEY_ENCRYPTION_KEY_FILE + ")");
        }
    }

    public static Builder builder(String issuer) {
        return new Builder(issuer);
    }

    /** The absolute URL of the token endpoint. */
    public String tokenEndpoint() {
        return issuer + tokenPath;
    }

    public String jwksUri() {
        return issuer + jwksPath;
    }

    /** The absolute URL of the revocation endpoint (RFC 7009 §2). */
    public String revocationEndpoint() {
        return issuer + revocationPath;
    }

    /** The absolute URL of the client registration endpoint (RFC 7591 §3). */
    public String registrationEndpoint() {
        return issuer + registrationPath;
    }

    /** The absolute URL of the introspection endpoint (RFC 7662 §2). */
    public String introspectionEndpoint() {
        return issuer + introspectionPath;
    }

    /**
     * Reads the configuration from named parameters, as {@code web.xml} init-params (or context
     * params) supply them; absent names take their defaults.
     */
    public static AuthorizationServerConfig fromParameters(Function<String, String> parameters) {
        Function<String, Optional<String>> p = name -> Optional.ofNullable(parameters.apply(name))
                .map(String::trim).filter(s -> !s.isEmpty());
        Builder b = builder(p.apply(ISSUER).orElseThrow(() ->
                new IllegalArgumentException("init-param '" + ISSUER + "' is required (the https URL of this server)")));
        p.apply(TOKEN_PATH).ifPresent(b::tokenPath);
        p.apply(JWKS_PATH).ifPresent(b::jwksPath);
        p.apply(REVOCATION_PATH).ifPresent(b::revocationPath);
        p.apply(INTROSPECTION_PATH).ifPresent(b::introspectionPath);
        p.apply(MTLS_BASE_URL).ifPresent(b::mtlsBaseUrl);
        p.apply(MAX_BODY_BYTES).ifPresent(v -> b.maxBodyBytes(parseInt(MAX_BODY_BYTES, v)));
        p.apply(ACCESS_TOKEN_LIFETIME).ifPresent(v -> b.accessTokenLifetime(parseDuration(ACCESS_TOKEN_LIFETIME, v)));
        p.apply(SIGNING_ALGORITHM).ifPresent(v -> b.signingAlgorithm(JWSAlgorithm.parse(v.toUpperCase(Locale.ROOT))));
        p.apply(SIGNING_PROVIDER).ifPresent(v -> b.signingProvider(parseProvider(v)));
        p.apply(SIGNING_KEY_FILE).ifPresent(v -> b.signingKeyFile(Path.of(v)));
        p.apply(REGISTRY_FILE).ifPresent(v -> b.registryFile(Path.of(v)));
        p.apply(TRUST_ANCHORS_FILE).ifPresent(v -> b.trustAnchorsFile(Path.of(v)));
        p.apply(TRUSTED_PROXIES).ifPresent(v -> b.trustedProxies(parseTrustedProxies(v)));
        p.apply(REALM).ifPresent(b::realm);
        p.apply(USERS_FILE).ifPresent(v -> b.usersFile(Path.of(v)));
        p.apply(REFRESH_TOKEN_LIFETIME).ifPresent(v -> b.refreshTokenLifetime(parseDuration(REFRESH_TOKEN_LIFETIME, v)));
        p.apply(REFRESH_TOKEN_FAMILY_LIFETIME).ifPresent(v ->
                b.refreshTokenFamilyLifetime(parseDuration(REFRESH_TOKEN_FAMILY_LIFETIME, v)));
        p.apply(CLOCK_SKEW).ifPresent(v -> b.clockSkew(parseDuration(CLOCK_SKEW, v)));
        p.apply(ASSERTION_MAX_LIFETIME).ifPresent(v -> b.assertionMaxLifetime(parseDuration(ASSERTION_MAX_LIFETIME, v)));
        p.apply(ASSERTION_SUBJECTS_MUST_EXIST).ifPresent(v -> b.assertionSubjectsMustExist(parseBoolean(
                ASSERTION_SUBJECTS_MUST_EXIST, v)));
        p.apply(REGISTRATION_PATH).ifPresent(b::registrationPath);
        p.apply(REGISTRATION_ADMIN_TOKEN_HASH).ifPresent(v -> b.registrationAdminTokenHash(parseHash(v)));
        p.apply(JDBC_URL).ifPresent(b::jdbcUrl);
        p.apply(JDBC_USER).ifPresent(b::jdbcUser);
        Optional.ofNullable(parameters.apply(JDBC_PASSWORD)).ifPresent(b::jdbcPassword);
        p.apply(JDBC_POOL_SIZE).ifPresent(v -> b.jdbcPoolSize(parseInt(JDBC_POOL_SIZE, v)));
        p.apply(STORE_CACHE_TTL).ifPresent(v -> b.storeCacheTtl(parseDuration(STORE_CACHE_TTL, v)));
        p.apply(STORE_PURGE_INTERVAL).ifPresent(v -> b.storePurgeInterval(parseDuration(STORE_PURGE_INTERVAL, v)));
        p.apply(KEY_ENCRYPTION_KEY_FILE).ifPresent(v -> b.keyEncryptionKeyFile(Path.of(v)));
        p.apply(SIGNING_KEY_ROTATION_PERIOD).ifPresent(v ->
                b.signingKeyRotationPeriod(parseDuration(SIGNING_KEY_ROTATION_PERIOD, v)));
        return b.build();
    }

    private static boolean parseBoolean(String name, String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(name + " must be true or false, was '" + value + "'");
        };
    }

    private static SecretHash parseHash(String value) {
        try {
            return SecretHash.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(REGISTRATION_ADMIN_TOKEN_HASH + ": " + e.getMessage(), e);
        }
    }

    private static int parseInt(String name, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, was '" + value + "'");
        }
    }

    private static TrustedProxies parseTrustedProxies(String value) {
        try {
            return TrustedProxies.of(Arrays.asList(value.split("[,\\s]+")));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(TRUSTED_PROXIES + ": " + e.getMessage(), e);
        }
    }

    /** ISO-8601 ({@code PT1H}) or a number of seconds. */
    static Duration parseDuration(String name, String value) {
        try {
            return value.chars().allMatch(Character::isDigit) ? Duration.ofSeconds(Long.parseLong(value)) : Duration.parse(value);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(name + " must be seconds or an ISO-8601 duration such as PT1H, was '" + value + "'");
        }
    }

    private static SigningProvider parseProvider(String value) {
        String v = value.toLowerCase(Locale.ROOT).replace('-', '_');
        return switch (v) {
            case "jdk" -> SigningProvider.JDK;
            case "bc", "bouncycastle", "bouncy_castle" -> SigningProvider.BOUNCY_CASTLE;
            default -> throw new IllegalArgumentException(SIGNING_PROVIDER + " must be 'jdk' or 'bouncycastle', was '" + value + "'");
        };
    }

    private static String checkIssuer(String issuer) {
        return stripSlash(checkHttps(ISSUER, Objects.requireNonNull(issuer, ISSUER)));
    }

    private static String checkHttps(String name, String value) {
        URI uri;
        try {
            uri = URI.create(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " '" + value + "' is not a URL");
        }
        if (!"https".equals(uri.getScheme()) || uri.getHost() == null || uri.getQuery() != null || uri.getFragment() != null) {
            throw new IllegalArgumentException(name + " must be an https URL without query or fragment, was '" + value + "'");
        }
        return value;
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    private static String checkPath(String name, String path) {
        if (path == null || !path.startsWith("/") || path.contains("?") || path.contains("#")) {
            throw new IllegalArgumentException(name + " must be a path starting with '/', was '" + path + "'");
        }
        return path;
    }

    /** Collects the options; {@link #build()} validates them all. */
    public static final class Builder {
        private final String issuer;
        private String tokenPath = "/oauth2/v1/token";
        private String jwksPath = "/oauth2/v1/keys";
        private String revocationPath = "/oauth2/v1/revoke";
        private String introspectionPath = "/oauth2/v1/introspect";
        private String mtlsBaseUrl;
        private int maxBodyBytes = 64 * 1024;
        private Duration accessTokenLifetime = Duration.ofHours(1);
        private JWSAlgorithm signingAlgorithm = JWSAlgorithm.ES256;
        private SigningProvider signingProvider = SigningProvider.BOUNCY_CASTLE;
        private Path signingKeyFile;
        private Path registryFile;
        private Path trustAnchorsFile;
        private TrustedProxies trustedProxies = TrustedProxies.none();
        private String realm = "tokengate";
        private Path usersFile;
        private Duration refreshTokenLifetime = Duration.ofDays(30);
        private Duration refreshTokenFamilyLifetime;
        private Duration clockSkew = Duration.ofSeconds(60);
        private Duration assertionMaxLifetime = Duration.ofHours(1);
        private boolean assertionSubjectsMustExist;
        private String registrationPath = "/oauth2/v1/register";
        private SecretHash registrationAdminTokenHash;
        private DatabaseConfig database;
        private String jdbcUrl;
        private String jdbcUser;
        private String jdbcPassword;
        private Integer jdbcPoolSize;
        private Duration storeCacheTtl;
        private Duration storePurgeInterval;
        private Path keyEncryptionKeyFile;
        private Duration signingKeyRotationPeriod;

        private Builder(String issuer) {
            this.issuer = issuer;
        }

        public Builder tokenPath(String v) {
            tokenPath = v;
            return this;
        }

        public Builder jwksPath(String v) {
            jwksPath = v;
            return this;
        }

        public Builder revocationPath(String v) {
            revocationPath = v;
            return this;
        }

        public Builder introspectionPath(String v) {
            introspectionPath = v;
            return this;
        }

        public Builder mtlsBaseUrl(String v) {
            mtlsBaseUrl = v;
            return this;
        }

        public Builder maxBodyBytes(int v) {
            maxBodyBytes = v;
            return this;
        }

        public Builder accessTokenLifetime(Duration v) {
            accessTokenLifetime = v;
            return this;
        }

        public Builder signingAlgorithm(JWSAlgorithm v) {
            signingAlgorithm = v;
            return this;
        }

        public Builder signingProvider(SigningProvider v) {
            signingProvider = v;
            return this;
        }

        public Builder signingKeyFile(Path v) {
            signingKeyFile = v;
            return this;
        }

        public Builder registryFile(Path v) {
            registryFile = v;
            return this;
        }

        public Builder trustAnchorsFile(Path v) {
            trustAnchorsFile = v;
            return this;
        }

        public Builder trustedProxies(TrustedProxies v) {
            trustedProxies = v;
            return this;
        }

        public Builder realm(String v) {
            realm = v;
            return this;
        }

        public Builder usersFile(Path v) {
            usersFile = v;
            return this;
        }

        public Builder refreshTokenLifetime(Duration v) {
            refreshTokenLifetime = v;
            return this;
        }

        public Builder refreshTokenFamilyLifetime(Duration v) {
            refreshTokenFamilyLifetime = v;
            return this;
        }

        public Builder clockSkew(Duration v) {
            clockSkew = v;
            return this;
        }

        public Builder assertionMaxLifetime(Duration v) {
            assertionMaxLifetime = v;
            return this;
        }

        public Builder assertionSubjectsMustExist(boolean v) {
            assertionSubjectsMustExist = v;
            return this;
        }

        public Builder registrationPath(String v) {
            registrationPath = v;
            return this;
        }

        /** The hash of the administrator's bearer token; setting it turns the registration endpoint on. */
        public Builder registrationAdminTokenHash(SecretHash v) {
            registrationAdminTokenHash = v;
            return this;
        }

        /** The whole database configuration at once; the {@code jdbc*}/{@code store*} setters refine it. */
        public Builder database(DatabaseConfig v) {
            database = v;
            return this;
        }

        /** Selects the JDBC stores: every store, the registry and the signing keys live in this database. */
        public Builder jdbcUrl(String v) {
            jdbcUrl = v;
            return this;
        }

        public Builder jdbcUser(String v) {
            jdbcUser = v;
            return this;
        }

        public Builder jdbcPassword(String v) {
            jdbcPassword = v;
            return this;
        }

        public Builder jdbcPoolSize(int v) {
            jdbcPoolSize = v;
            return this;
        }

        /** The bounded delay after which a change made on another node is seen here. */
        public Builder storeCacheTtl(Duration v) {
            storeCacheTtl = v;
            return this;
        }

        public Builder storePurgeInterval(Duration v) {
            storePurgeInterval = v;
            return this;
        }

        public Builder keyEncryptionKeyFile(Path v) {
            keyEncryptionKeyFile = v;
            return this;
        }

        public Builder signingKeyRotationPeriod(Duration v) {
            signingKeyRotationPeriod = v;
            return this;
        }

        private Optional<DatabaseConfig> databaseConfig() {
            DatabaseConfig d = database;
            if (jdbcUrl != null) {
                d = d == null ? DatabaseConfig.of(jdbcUrl, keyEncryptionKeyFile)
                        : new DatabaseConfig(jdbcUrl, d.user(), d.password(), d.poolSize(), d.cacheTtl(),
                                d.keyEncryptionKeyFile(), d.keyRotationPeriod(), d.purgeInterval());
            }
            if (d == null) {
                List<String> orphans = new java.util.ArrayList<>();
                if (jdbcUser != null) {
                    orphans.add(JDBC_USER);
                }
                if (jdbcPassword != null) {
                    orphans.add(JDBC_PASSWORD);
                }
                if (keyEncryptionKeyFile != null) {
                    orphans.add(KEY_ENCRYPTION_KEY_FILE);
                }
                if (signingKeyRotationPeriod != null) {
                    orphans.add(SIGNING_KEY_ROTATION_PERIOD);
                }
                if (!orphans.isEmpty()) {
                    throw new IllegalArgumentException(String.join(", ", orphans) + " only apply with " + JDBC_URL);
                }
                return Optional.empty();
            }
            if (keyEncryptionKeyFile != null) {
                d = new DatabaseConfig(d.jdbcUrl(), d.user(), d.password(), d.poolSize(), d.cacheTtl(),
                        keyEncryptionKeyFile, d.keyRotationPeriod(), d.purgeInterval());
            }
            d = jdbcUser == null ? d : d.withUser(jdbcUser);
            d = jdbcPassword == null ? d : d.withPassword(jdbcPassword);
            d = jdbcPoolSize == null ? d : d.withPoolSize(jdbcPoolSize);
            d = storeCacheTtl == null ? d : d.withCacheTtl(storeCacheTtl);
            d = storePurgeInterval == null ? d : d.withPurgeInterval(storePurgeInterval);
            d = signingKeyRotationPeriod == null ? d : d.withKeyRotationPeriod(signingKeyRotationPeriod);
            return Optional.of(d);
        }

        public AuthorizationServerConfig build() {
            return new AuthorizationServerConfig(issuer, tokenPath, jwksPath, revocationPath, introspectionPath,
                    Optional.ofNullable(mtlsBaseUrl),
                    maxBodyBytes, accessTokenLifetime, signingAlgorithm, signingProvider,
                    Optional.ofNullable(signingKeyFile), Optional.ofNullable(registryFile),
                    Optional.ofNullable(trustAnchorsFile), trustedProxies, realm, Optional.ofNullable(usersFile),
                    refreshTokenLifetime, Optional.ofNullable(refreshTokenFamilyLifetime), clockSkew, assertionMaxLifetime,
                    assertionSubjectsMustExist, registrationPath, Optional.ofNullable(registrationAdminTokenHash),
                    databaseConfig());
        }
    }
}
