-- Rate-limit budgets shared by every node of a cluster (io.vaultdrop.ratelimit). Conventions: see V1.
--
-- One row per (policy, key) whose budget is not full. The key is never stored: key_hash is an
-- HMAC-SHA-256 (first 16 bytes, hex) of it under a key derived from the master key, so the table
-- holds no e-mail address, account id or client address, and a reader of the database cannot test
-- guesses against it either.
--
-- A budget of C attempts refilled over a period P is one instant (GCRA, a token bucket in one
-- number): full_at_us, when the budget is full again. Each attempt moves it on by P/C; an attempt
-- is allowed while full_at_us stays within P of now afterwards; a refund moves it back by P/C.
-- It is in epoch MICROseconds (an exception to the millisecond convention): P/C is often not a
-- whole number of milliseconds. A row whose full_at_us has passed means "full", the same as no row:
-- the sweep deletes such rows.
CREATE TABLE rate_limit_buckets (
    policy     VARCHAR(64) NOT NULL, -- RateLimitPolicy.name, e.g. login-account
    key_hash   VARCHAR(32) NOT NULL,
    full_at_us BIGINT      NOT NULL,
    PRIMARY KEY (policy, key_hash)
) ${table_options};

-- No index on full_at_us on purpose: it changes with every attempt, and an index on it would make
-- each attempt an index write too (and rule out PostgreSQL's HOT updates). The sweep reads the
-- table, which holds only budgets in use, once every 10 minutes.
