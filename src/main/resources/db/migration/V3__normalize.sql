-- The latest version of every notice the normalize stage published, and the hash of its content:
-- a record whose normalized content hashes the same makes no new version.
CREATE TABLE normalize_notice_state (
    notice_id    text        PRIMARY KEY,
    version      integer     NOT NULL,
    content_hash text        NOT NULL,
    updated_at   timestamptz NOT NULL DEFAULT now()
);
