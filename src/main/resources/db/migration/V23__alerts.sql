-- Subscribers to urgent notices: each receives a signed Standard Webhooks POST per urgent notice.
CREATE TABLE alert_subscription (
    id              bigserial PRIMARY KEY,
    name            text        NOT NULL,
    url             text        NOT NULL,
    secret          text        NOT NULL,
    languages       text[],
    partners        text[],
    state           text        NOT NULL DEFAULT 'active',
    failures        integer     NOT NULL DEFAULT 0,
    disabled_reason text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    created_by      text
);

-- The outbox: one row per subscriber and urgent notice, written in the channel's batch
-- transaction and sent by whichever instance claims it, with back-off between attempts.
CREATE TABLE alert_delivery (
    subscription_id bigint      NOT NULL REFERENCES alert_subscription (id) ON DELETE CASCADE,
    notice_id       text        NOT NULL,
    version         integer     NOT NULL,
    payload         jsonb       NOT NULL,
    state           text        NOT NULL DEFAULT 'pending',
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    last_error      text,
    delivered_at    timestamptz,
    PRIMARY KEY (subscription_id, notice_id)
);
CREATE INDEX alert_delivery_due ON alert_delivery (next_attempt_at) WHERE state = 'pending';
