-- Durable checkpoints of partner pollers (ETag, Last-Modified, cursors): one value per name.
CREATE TABLE ingest_checkpoint (
    partner    text        NOT NULL,
    name       text        NOT NULL,
    value      text        NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (partner, name)
);

-- Health of each partner as operators see it; survives restarts so back-off does too.
CREATE TABLE ingest_partner_status (
    partner              text PRIMARY KEY,
    route                text        NOT NULL,
    last_poll_at         timestamptz,
    last_success_at      timestamptz,
    last_error_at        timestamptz,
    last_error           text,
    consecutive_failures integer     NOT NULL DEFAULT 0,
    next_poll_not_before timestamptz,
    last_warning         text,
    warnings             bigint      NOT NULL DEFAULT 0,
    items_sent           bigint      NOT NULL DEFAULT 0
);
