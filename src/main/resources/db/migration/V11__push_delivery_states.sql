-- A webhook-id counts as delivered only once Kafka acknowledged its record. Until then the row is a
-- claim: 'pending', held by one hub instance until lease_until, after which a retry may claim it
-- again (the instance may have crashed). Rows written before this migration were recorded before
-- the acknowledgement and cannot be checked now; they stay what they meant then, delivered.
ALTER TABLE push_delivery
    ADD COLUMN state           text        NOT NULL DEFAULT 'delivered',
    ADD COLUMN claim_id        uuid,
    ADD COLUMN claimed_by      text,
    ADD COLUMN lease_until     timestamptz,
    ADD COLUMN kafka_partition integer,
    ADD COLUMN kafka_offset    bigint,
    ADD COLUMN delivered_at    timestamptz;

UPDATE push_delivery SET delivered_at = received_at;

-- New rows say their state.
ALTER TABLE push_delivery ALTER COLUMN state DROP DEFAULT;

ALTER TABLE push_delivery
    ADD CONSTRAINT push_delivery_state CHECK (
        (state = 'pending' AND claim_id IS NOT NULL AND claimed_by IS NOT NULL AND lease_until IS NOT NULL)
        OR (state = 'delivered' AND delivered_at IS NOT NULL));
