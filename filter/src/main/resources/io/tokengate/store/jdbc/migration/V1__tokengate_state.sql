-- Tokengate durable state. Written in the SQL that H2 2.x and PostgreSQL 12+ both accept:
-- VARCHAR, BIGINT and BOOLEAN only; instants are epoch milliseconds (BIGINT), lists are JSON arrays.

-- Registry: clients (written through ClientStore), resource servers, application roles, trusted issuers.
CREATE TABLE tg_client (
    client_id                VARCHAR(255)   NOT NULL PRIMARY KEY,
    application_type         VARCHAR(32)    NOT NULL,
    client_type              VARCHAR(32)    NOT NULL,
    grant_types              VARCHAR(4000)  NOT NULL,
    auth_methods             VARCHAR(1000)  NOT NULL,
    certificate_pem          VARCHAR(65536),
    certificate_subject_type VARCHAR(64),
    certificate_subject      VARCHAR(4000),
    jwks                     VARCHAR(262144),
    secret_hash              VARCHAR(1000),
    roles                    VARCHAR(20000) NOT NULL,
    updated_at               BIGINT         NOT NULL
);

CREATE TABLE tg_resource_server (
    audience VARCHAR(2000)  NOT NULL PRIMARY KEY,
    scopes   VARCHAR(65536) NOT NULL
);

CREATE TABLE tg_application_role (
    name   VARCHAR(255)   NOT NULL PRIMARY KEY,
    scopes VARCHAR(65536) NOT NULL
);

CREATE TABLE tg_trusted_issuer (
    issuer           VARCHAR(2000)   NOT NULL PRIMARY KEY,
    issuer_type      VARCHAR(8)      NOT NULL,
    certificates_pem VARCHAR(262144) NOT NULL,
    jwks             VARCHAR(262144),
    jwks_uri         VARCHAR(2000),
    algorithms       VARCHAR(1000)   NOT NULL
);

-- Users of the password grant.
CREATE TABLE tg_user (
    username      VARCHAR(255)  NOT NULL PRIMARY KEY,
    password_hash VARCHAR(1000) NOT NULL,
    enabled       BOOLEAN       NOT NULL
);

-- Refresh token families: SHA-256 hashes only, never the tokens.
CREATE TABLE tg_refresh_token (
    token_hash        VARCHAR(64)    NOT NULL PRIMARY KEY,
    family_id         VARCHAR(64)    NOT NULL,
    subject           VARCHAR(2000)  NOT NULL,
    client_id         VARCHAR(255)   NOT NULL,
    thumbprint        VARCHAR(64),
    scopes            VARCHAR(20000) NOT NULL,
    audiences         VARCHAR(20000) NOT NULL,
    issued_at         BIGINT         NOT NULL,
    expires_at        BIGINT         NOT NULL,
    family_expires_at BIGINT,
    state             VARCHAR(8)     NOT NULL
);
CREATE INDEX tg_refresh_token_family ON tg_refresh_token (family_id);
CREATE INDEX tg_refresh_token_expiry ON tg_refresh_token (expires_at);

-- A revoked family: consulted by find and rotate, so members added by a racing rotation are revoked too.
CREATE TABLE tg_revoked_family (
    family_id  VARCHAR(64) NOT NULL PRIMARY KEY,
    revoked_at BIGINT      NOT NULL
);

-- Access tokens revoked before their exp (RFC 7009).
CREATE TABLE tg_denied_token (
    jti        VARCHAR(255) NOT NULL PRIMARY KEY,
    expires_at BIGINT       NOT NULL
);
CREATE INDEX tg_denied_token_expiry ON tg_denied_token (expires_at);

-- Used assertion IDs and jti values: the primary key makes each single-use across every node.
-- id_hash is base64url SHA-256 of namespace, NUL, id, so any identifier length fits the index.
CREATE TABLE tg_used_assertion (
    id_hash    VARCHAR(64) NOT NULL PRIMARY KEY,
    expires_at BIGINT      NOT NULL
);
CREATE INDEX tg_used_assertion_expiry ON tg_used_assertion (expires_at);

-- Signing keys. generation is unique: two nodes rotating at once cannot both add a key.
-- private_jwk_sealed is the private JWK encrypted with AES-256-GCM under the key-encryption key.
CREATE TABLE tg_signing_key (
    kid                VARCHAR(255)   NOT NULL PRIMARY KEY,
    generation         BIGINT         NOT NULL UNIQUE,
    algorithm          VARCHAR(16)    NOT NULL,
    public_jwk         VARCHAR(20000) NOT NULL,
    private_jwk_sealed VARCHAR(40000) NOT NULL,
    created_at         BIGINT         NOT NULL,
    activates_at       BIGINT         NOT NULL
);
