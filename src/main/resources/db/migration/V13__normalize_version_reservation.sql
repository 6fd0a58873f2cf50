-- A version is reserved (compare-and-set on version) before it is published and marked acked once
-- Kafka has it; an unacknowledged reservation is published again before anything newer.
ALTER TABLE normalize_notice_state ADD COLUMN acked boolean NOT NULL DEFAULT true;
