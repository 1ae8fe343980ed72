-- Accounts, e-mail verification tokens and the security audit log.
-- Conventions (see V1): instants are BIGINT epoch milliseconds (UTC); ids are random strings;
-- every table ends with ${table_options} (utf8mb4_bin on MariaDB/MySQL, nothing elsewhere).

CREATE TABLE users (
    id                     VARCHAR(36)  NOT NULL,
    email                  VARCHAR(320) NOT NULL, -- normalised: trimmed, lower case
    password_hash          VARCHAR(255) NOT NULL, -- Argon2id PHC string
    role                   VARCHAR(16)  NOT NULL, -- MEMBER, OPERATOR or ADMIN
    email_verified         BOOLEAN      NOT NULL,
    enabled                BOOLEAN      NOT NULL,
    created_at             BIGINT       NOT NULL,
    credentials_changed_at BIGINT       NOT NULL, -- sessions and tokens issued before are void
    PRIMARY KEY (id),
    CONSTRAINT uq_users_email UNIQUE (email)
)${table_options};

-- A verification link carries selector + verifier; only a SHA-256 of the verifier is stored.
CREATE TABLE email_verifications (
    selector      VARCHAR(32) NOT NULL,
    user_id       VARCHAR(36) NOT NULL,
    verifier_hash VARCHAR(64) NOT NULL,
    expires_at    BIGINT      NOT NULL,
    PRIMARY KEY (selector),
    CONSTRAINT fk_email_verifications_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
)${table_options};

-- Security events. Never holds passwords, tokens or keys.
CREATE TABLE audit_events (
    id             VARCHAR(36)  NOT NULL,
    occurred_at    BIGINT       NOT NULL,
    event_type     VARCHAR(40)  NOT NULL,
    actor          VARCHAR(320),
    subject        VARCHAR(320),
    client_address VARCHAR(64),
    detail         VARCHAR(500),
    PRIMARY KEY (id)
)${table_options};

CREATE INDEX ix_audit_events_occurred_at ON audit_events (occurred_at);
