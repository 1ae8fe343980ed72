-- What a resume token resumes (docs/shares.md, "Aborted transfers and resuming"). Conventions: see V1.
--
-- Every download of a share gets a resume token, also the zip of a share of several files and each
-- of its files alone. A token only resumes the transfer it was given for:
--   target  -1: the zip of all files of a share of several files
--           N >= 0: file N alone (0-based); 0 is also the file of a one-file share
-- Rows written before V21 came from one-file shares only, so they keep meaning file 0.
ALTER TABLE share_resumes ADD COLUMN target INTEGER DEFAULT 0 NOT NULL;
