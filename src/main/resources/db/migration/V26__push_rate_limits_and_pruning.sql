-- Token buckets of the push API's per-partner rate limits, shared by every hub instance (Bucket4j's
-- PostgreSQL backend locks a row with SELECT ... FOR UPDATE). expires_at (epoch milliseconds) lets
-- buckets nobody used for a while be removed.
CREATE TABLE rate_limit_bucket (
    id         text PRIMARY KEY,
    state      bytea,
    expires_at bigint
);

-- Delivered webhook-ids are pruned once older than the push retention; this keeps that cheap.
CREATE INDEX push_delivery_delivered_at ON push_delivery (delivered_at) WHERE state = 'delivered';
