-- Dead letters as operators search them: one row per failed record and stage, indexed from
-- hub.dlq (which keeps the bytes). A record that fails again after a replay reopens its row.
CREATE TABLE dead_letter (
    id               bigserial PRIMARY KEY,
    stage            text        NOT NULL,
    partner          text,
    record_key       text,
    error_class      text        NOT NULL,
    reason           text        NOT NULL,
    failed_at        timestamptz NOT NULL,
    origin_topic     text        NOT NULL,
    origin_partition integer     NOT NULL,
    origin_offset    bigint      NOT NULL,
    dlq_partition    integer     NOT NULL,
    dlq_offset       bigint      NOT NULL,
    payload_bytes    integer     NOT NULL,
    by_reference     boolean     NOT NULL DEFAULT false,
    status           text        NOT NULL DEFAULT 'open',
    status_at        timestamptz NOT NULL DEFAULT now(),
    status_by        text,
    UNIQUE (stage, origin_topic, origin_partition, origin_offset)
);
CREATE INDEX dead_letter_open ON dead_letter (status, failed_at DESC);

-- Who did what, when and from where: every operator action (replays, discards, reprocessing).
CREATE TABLE audit_log (
    id             bigserial PRIMARY KEY,
    at             timestamptz NOT NULL DEFAULT now(),
    actor          text        NOT NULL,
    action         text        NOT NULL,
    target         text        NOT NULL,
    outcome        text        NOT NULL,
    detail         text,
    client_address text
);
CREATE INDEX audit_log_at ON audit_log (at DESC);
