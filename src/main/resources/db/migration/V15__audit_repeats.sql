-- Repeated anonymous events (refused logins, registrations, verification mails) are counted on one
-- row per identical event (type, actor, subject, client address, detail) within a window instead of one row each, and beyond a
-- cluster-wide budget per minute folded into one REPEATED_EVENTS_SUPPRESSED row: nobody can push
-- real events out of the administrator's view by flooding (README, "First administrator and accounts").
ALTER TABLE audit_events ADD COLUMN repeat_count INTEGER DEFAULT 1 NOT NULL;
ALTER TABLE audit_events ADD COLUMN last_at BIGINT;

CREATE INDEX ix_audit_events_type_time ON audit_events (event_type, occurred_at);
