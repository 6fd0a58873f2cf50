-- Push deliveries by their webhook-id: a retried delivery is answered as a duplicate and written
-- only once.
CREATE TABLE push_delivery (
    partner     text        NOT NULL,
    webhook_id  text        NOT NULL,
    notice_id   text        NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (partner, webhook_id)
);
