-- Items a partner sent today (Athens time), beside those sent since it was first polled.
ALTER TABLE ingest_partner_status ADD COLUMN items_day date;
ALTER TABLE ingest_partner_status ADD COLUMN items_today bigint NOT NULL DEFAULT 0;
