-- Password reset tokens (README, "Password reset"): like email_verifications, a link carries
-- selector + verifier and only a SHA-256 of the verifier is stored. A row is deleted when it is
-- used, when a newer reset is requested for the same account, and with the account.
CREATE TABLE password_resets (
    selector      VARCHAR(32) NOT NULL,
    user_id       VARCHAR(36) NOT NULL,
    verifier_hash VARCHAR(64) NOT NULL,
    expires_at    BIGINT      NOT NULL,
    PRIMARY KEY (selector),
    CONSTRAINT fk_password_resets_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
)${table_options};

CREATE INDEX ix_password_resets_user ON password_resets (user_id);
CREATE INDEX ix_password_resets_expires ON password_resets (expires_at);
