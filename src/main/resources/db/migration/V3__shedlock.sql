-- Cluster-wide locks for scheduled jobs (ShedLock): a sweeper runs on one node at a time.
-- lock_until/locked_at are written by ShedLock itself with the database clock (usingDbTime), so
-- they use the vendor's own timestamp type rather than the epoch-millis convention.
CREATE TABLE shedlock (
    name       VARCHAR(64)  NOT NULL,
    lock_until TIMESTAMP(3) NOT NULL,
    locked_at  TIMESTAMP(3) NOT NULL,
    locked_by  VARCHAR(255) NOT NULL,
    PRIMARY KEY (name)
)${table_options};
