-- Every version normalize published, acknowledged by Kafka, with the raw record it came from:
-- the first half of a notice's journey.
CREATE TABLE normalize_version_log (
    notice_id     text        NOT NULL,
    version       integer     NOT NULL,
    content_hash  text        NOT NULL,
    status        text        NOT NULL,
    raw_topic     text        NOT NULL,
    raw_partition integer     NOT NULL,
    raw_offset    bigint      NOT NULL,
    received_at   timestamptz NOT NULL,
    published_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (notice_id, version)
);

-- The delivery ledger: per notice version and channel, delivered, skipped as older or failed,
-- when, and where it went (a page, a post, a feed).
CREATE TABLE fanout_delivery (
    notice_id    text        NOT NULL,
    version      integer     NOT NULL,
    channel      text        NOT NULL,
    outcome      text        NOT NULL,
    at           timestamptz NOT NULL DEFAULT now(),
    target       text,
    detail       text,
    PRIMARY KEY (notice_id, version, channel)
);
