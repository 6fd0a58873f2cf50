-- What each partner poller has already handed to Kafka: an entry is sent again only when its
-- bytes changed. Written after Kafka acknowledged the entry.
CREATE TABLE ingest_seen_entry (
    partner     text        NOT NULL,
    external_id text        NOT NULL,
    entry_hash  text        NOT NULL,
    seen_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (partner, external_id)
);
