-- Change data capture: where each source's stream stands. Written in the same transaction as the
-- changes it covers, so the mirror and its position never disagree: after a crash the stream
-- resumes from here (and PostgreSQL, which is told only after this commit, from no later).
CREATE TABLE cdc_positions (
  source          VARCHAR PRIMARY KEY, -- the publishing service
  slot            VARCHAR NOT NULL,    -- the replication slot the position belongs to
  lsn             VARCHAR NOT NULL,    -- the end of the last applied transaction's commit, or the slot's start after a copy
  commit_time     TIMESTAMPTZ,         -- that transaction's commit time at the source (null right after a copy)
  copied_at       TIMESTAMPTZ NOT NULL, -- when the mirror was last copied in full (a new slot)
  changes_applied BIGINT NOT NULL,     -- row changes streamed since that copy
  updated_at      TIMESTAMPTZ NOT NULL
);
